namespace Mentoring.Engine.Tests.Support;

/// <summary>Finds the repository root (the folder with Mentoring.slnx) and ../shared beside it.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The steering folder with the engine contract, the checker and the data set.</summary>
    public static string Shared { get; } = Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string EngineCheck => Path.Combine(Shared, "tools", "engine_check.py");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Mentoring.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Mentoring.slnx not found above " + AppContext.BaseDirectory);
    }
}

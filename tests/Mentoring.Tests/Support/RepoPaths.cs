namespace Mentoring.Tests.Support;

/// <summary>Finds the repository root (the folder with Mentoring.slnx) and ../shared beside it.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Shared { get; } = Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    /// <summary>The public IBM HR attrition data set: 1,470 employees.</summary>
    public static string IbmRoster => Path.Combine(Shared, "data", "ibm-hr-employee-attrition.csv");

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

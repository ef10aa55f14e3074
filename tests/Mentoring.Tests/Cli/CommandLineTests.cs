using System.Diagnostics;
using Mentoring.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Mentoring.Tests.Cli;

/// <summary>The real <c>mentoring</c> executable, run as a user runs it.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("mentoring-cli-").FullName;

    private string Database => Path.Combine(folder, "cli.db");

    private string Store => $"--ConnectionStrings:Mentoring=Data Source={Database}";

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void Import_of_the_ibm_roster_creates_then_leaves_unchanged()
    {
        var first = Run("import", "people", RepoPaths.IbmRoster, Store, "--Demo:Seed=false");
        Assert.Equal(0, first.ExitCode);
        Assert.Equal("1470 created, 0 updated, 0 unchanged", LastLine(first.Output));

        var second = Run("import", "people", RepoPaths.IbmRoster, Store, "--Demo:Seed=false");
        Assert.Equal(0, second.ExitCode);
        Assert.Equal("0 created, 0 updated, 1470 unchanged", LastLine(second.Output));

        var export = Path.Combine(folder, "out.csv");
        var exported = Run("export", "people", export, Store);
        Assert.Equal(0, exported.ExitCode);
        Assert.Equal(1471, File.ReadAllLines(export).Length);
        Assert.Equal("0 created, 0 updated, 1470 unchanged", LastLine(Run("import", "people", export, Store).Output));
    }

    [Fact]
    public void A_bad_level_exits_2_names_the_line_and_writes_nothing()
    {
        var lines = File.ReadAllText(RepoPaths.IbmRoster).Split("\r\n");
        var header = lines[0].TrimStart('\uFEFF').Split(',');
        var cells = lines[700].Split(',');
        cells[Array.IndexOf(header, "JobLevel")] = "senior-ish";
        lines[700] = string.Join(',', cells);
        var bad = Path.Combine(folder, "bad.csv");
        File.WriteAllText(bad, string.Join("\r\n", lines));

        var result = Run("import", "people", bad, Store, "--Demo:Seed=false");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("line 701, column JobLevel: \"senior-ish\" is not a level from 1 to 5", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);

        using var connection = new SqliteConnection($"Data Source={Database}");
        connection.Open();
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM People";
        Assert.Equal(0L, (long)count.ExecuteScalar()!);
    }

    [Fact]
    public void Dry_run_prints_the_summary_and_writes_nothing()
    {
        var result = Run("import", "people", RepoPaths.IbmRoster, Store, "--dry-run");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("1470 created, 0 updated, 0 unchanged (dry run: nothing written)", LastLine(result.Output));
        Assert.Equal("1470 created, 0 updated, 0 unchanged", LastLine(Run("import", "people", RepoPaths.IbmRoster, Store).Output));
    }

    [Fact]
    public void Users_add_creates_the_first_admin_of_a_store_without_demo_data()
    {
        var created = Run("users", "add", "hr@acme.example", "--role", "admin", Store);
        Assert.Equal(0, created.ExitCode);
        Assert.Matches("^hr@acme.example can sign in with password \\S{10,} \\(roles: admin\\)", created.Output.Trim());

        var more = Run("users", "add", "hr@acme.example", "--role", "sponsor", Store);
        Assert.Equal(0, more.ExitCode);
        var roles = more.Output.Trim().Split(": ")[^1].Split(", ").Order();
        Assert.Equal(["admin", "sponsor"], roles);

        var bad = Run("users", "add", "x@acme.example", "--role", "boss", Store);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--role: \"boss\" is not a role", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Calendar_export_writes_a_persons_ics_and_names_an_unknown_person()
    {
        Assert.Equal(0, Run("import", "people", RepoPaths.IbmRoster, Store, "--Demo:Seed=false").ExitCode);
        var file = Path.Combine(folder, "calendar.ics");
        var result = Run("calendar", "export", "--person", "1", "--out", file, Store);
        Assert.Equal(0, result.ExitCode);
        var ics = File.ReadAllText(file);
        Assert.StartsWith("BEGIN:VCALENDAR", ics, StringComparison.Ordinal);
        Assert.Contains("X-WR-CALNAME:Mentoring: Employee 1", ics, StringComparison.Ordinal);

        var unknown = Run("calendar", "export", "--person", "nobody", Store);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("--person: no person has the HR id \"nobody\"", unknown.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("calendar", "export", "--help")]
    [InlineData("users", "add", "--help")]
    [InlineData("serve", "--help")]
    [InlineData("import", "--help")]
    [InlineData("import", "people", "--help")]
    [InlineData("export", "people", "--help")]
    [InlineData("engine", "--help")]
    public void Every_verb_has_help(params string[] args)
    {
        var result = Run(args);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_and_a_stray_argument_are_clear_errors()
    {
        var missing = Run("import", "people", Path.Combine(folder, "nope.csv"), Store);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("does not exist", missing.Error, StringComparison.Ordinal);

        var stray = Run("import", "people", RepoPaths.IbmRoster, "oops", Store);
        Assert.Equal(2, stray.ExitCode);
        Assert.Contains("unexpected argument \"oops\"", stray.Error, StringComparison.Ordinal);
    }

    private static string LastLine(string text) => text.TrimEnd().Split('\n')[^1].Trim();

    private sealed record Outcome(int ExitCode, string Output, string Error);

    private static Outcome Run(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "mentoring.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new Outcome(process.ExitCode, output.Result, error.Result);
    }
}

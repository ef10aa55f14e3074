using System.Text;
using BenchmarkDotNet.Attributes;
using Mentoring.Data;
using Mentoring.Features.People;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Benchmarks;

/// <summary>
/// A roster import of 50,000 people into a fresh SQLite file, and the same file again (all
/// unchanged): the figure behind "50,000 rows in under 30 seconds".
/// Run: dotnet run -c Release --project bench/Mentoring.Benchmarks -- --filter '*RosterImport*'
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class RosterImportBenchmarks
{
    private byte[] roster = [];
    private string folder = "";
    private string database = "";

    [Params(50_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        roster = Encoding.UTF8.GetBytes(RosterGenerator.Generate(Rows));
        folder = Directory.CreateTempSubdirectory("mentoring-bench-").FullName;
    }

    [IterationSetup(Target = nameof(ImportIntoEmptyStore))]
    public void EmptyStore() => database = NewStore();

    [IterationSetup(Target = nameof(ImportSameFileAgain))]
    public void FilledStore()
    {
        database = NewStore();
        Import().GetAwaiter().GetResult();
    }

    [Benchmark(Description = "import into an empty store")]
    public Task<ImportResult> ImportIntoEmptyStore() => Import();

    [Benchmark(Description = "import the same file again")]
    public Task<ImportResult> ImportSameFileAgain() => Import();

    [GlobalCleanup]
    public void Cleanup()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private string NewStore()
    {
        var path = Path.Combine(folder, Guid.NewGuid().ToString("N") + ".db");
        using var db = Open(path);
        DatabaseSetup.MigrateAsync(db).GetAwaiter().GetResult();
        return path;
    }

    private async Task<ImportResult> Import()
    {
        await using var db = Open(database);
        var result = await new RosterImporter(db).ImportAsync(new MemoryStream(roster), dryRun: false);
        return result.Succeeded ? result : throw new InvalidOperationException(string.Join("; ", result.Errors));
    }

    private static SqliteMentoringDbContext Open(string path)
    {
        var options = new DbContextOptionsBuilder<SqliteMentoringDbContext>();
        DatabaseSetup.ConfigureSqlite(options, $"Data Source={path}");
        return new SqliteMentoringDbContext(options.Options);
    }
}

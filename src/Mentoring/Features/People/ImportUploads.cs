using System.Security.Cryptography;
using System.Text.RegularExpressions;
using NodaTime;

namespace Mentoring.Features.People;

/// <summary>
/// Keeps an uploaded roster between its preview (a dry run) and the admin's confirmation, in a
/// temporary file named by a random key, readable by this process's user only. The bytes never
/// travel in a cookie or a form field. Uploads left unconfirmed are swept after a day.
/// </summary>
public sealed partial class ImportUploads(IClock clock)
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromDays(1);
    private readonly string directory = Path.Combine(Path.GetTempPath(), "mentoring-imports");

    public async Task<string> SaveAsync(Stream content, CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        else
        {
            Directory.CreateDirectory(directory);
        }
        Sweep();
        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        await using var file = new FileStream(PathOf(key), options);
        await content.CopyToAsync(file, cancellationToken);
        return key;
    }

    /// <summary>The upload to preview, or null when the key is unknown or expired.</summary>
    public Stream? Open(string key) =>
        IsKey(key) && File.Exists(PathOf(key)) ? new FileStream(PathOf(key), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true) : null;

    /// <summary>
    /// Moves the upload under a new key and returns it, or null when the key is unknown or expired:
    /// whoever claims an upload first is the only one who gets it.
    /// </summary>
    public string? Claim(string key)
    {
        if (!IsKey(key) || !File.Exists(PathOf(key)))
        {
            return null;
        }
        var claimed = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        try
        {
            File.Move(PathOf(key), PathOf(claimed));
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        return claimed;
    }

    public void Delete(string key)
    {
        if (IsKey(key))
        {
            File.Delete(PathOf(key));
        }
    }

    private string PathOf(string key) => Path.Combine(directory, key + ".csv");

    /// <summary>Keys come back from the browser: only our own 32 hex digits may name a file.</summary>
    private static bool IsKey(string? key) => key is not null && KeyPattern().IsMatch(key);

    private void Sweep()
    {
        var cutoff = clock.GetCurrentInstant().ToDateTimeUtc() - KeepFor;
        foreach (var file in new DirectoryInfo(directory).EnumerateFiles("*.csv").Where(f => f.LastWriteTimeUtc < cutoff))
        {
            file.Delete();
        }
    }

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex KeyPattern();
}

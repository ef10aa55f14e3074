using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Mentoring.Features.People;

/// <summary>One data row of a roster file, with the line an editor shows it on.</summary>
internal sealed class RosterRow
{
    public required int Line { get; init; }

    /// <summary>The values of recognised columns, by field (blank cells as empty strings).</summary>
    public Dictionary<RosterField, string> Fields { get; } = [];

    /// <summary>Unrecognised columns, kept as person attributes.</summary>
    public Dictionary<string, string> Attributes { get; } = new(StringComparer.Ordinal);
}

/// <summary>A problem found in an import, with the line (the header is line 1) and column.</summary>
public sealed record ImportError(int Line, string? Column, string Message)
{
    public override string ToString() =>
        Column is null ? $"line {Line}: {Message}" : $"line {Line}, column {Column}: {Message}";
}

/// <summary>What the reader found: the header, the rows, and any file-level or row-shape errors.</summary>
internal sealed record RosterFile(
    IReadOnlyDictionary<RosterField, string> HeaderOf,
    IReadOnlyList<RosterRow> Rows,
    IReadOnlyList<ImportError> Errors);

/// <summary>
/// Reads a roster CSV with CsvHelper: UTF-8 with or without a byte-order mark, CRLF or LF, comma
/// or semicolon separated (as European spreadsheets save it), quoted fields over several lines.
/// </summary>
internal static class RosterCsvReader
{
    public static RosterFile Read(TextReader text, int maxErrors)
    {
        var errors = new List<ImportError>();
        var rows = new List<RosterRow>();
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true,
            DetectDelimiterValues = [",", ";", "\t"],
            IgnoreBlankLines = true,
            TrimOptions = TrimOptions.Trim,
            MissingFieldFound = null,
            BadDataFound = null,
        };
        using var csv = new CsvReader(text, config);
        string[] header;
        try
        {
            if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { Length: > 0 } read || read.All(string.IsNullOrWhiteSpace))
            {
                return Fail("the file is empty: expected a header line with at least an id column (e.g. EmployeeNumber or ExternalId)");
            }
            header = read;
        }
        catch (CsvHelperException e)
        {
            return Fail($"the header line cannot be read: {FirstLine(e.Message)}");
        }

        var fieldIndex = new Dictionary<RosterField, int>();
        var headerOf = new Dictionary<RosterField, string>();
        var attributeColumns = new List<(int Index, string Name)>();
        for (var i = 0; i < header.Length; i++)
        {
            var name = header[i].Trim().Trim('\uFEFF');
            if (name.Length == 0)
            {
                continue;
            }
            if (RosterColumns.Match(name) is { } field)
            {
                if (!fieldIndex.TryAdd(field, i))
                {
                    errors.Add(new ImportError(1, name, $"repeats the {headerOf[field]} column (both mean {field})"));
                    continue;
                }
                headerOf[field] = name;
            }
            else
            {
                attributeColumns.Add((i, name));
            }
        }
        if (!fieldIndex.ContainsKey(RosterField.ExternalId))
        {
            errors.Add(new ImportError(1, null,
                $"no id column: name one of ExternalId, EmployeeNumber, EmployeeId, StaffId (found: {string.Join(", ", header.Take(12))})"));
            return new RosterFile(headerOf, rows, errors);
        }

        var previousEnd = 1;
        while (true)
        {
            try
            {
                if (!csv.Read())
                {
                    break;
                }
            }
            catch (CsvHelperException e)
            {
                errors.Add(new ImportError(previousEnd + 1, null, $"cannot be read: {FirstLine(e.Message)}"));
                break;
            }
            var record = csv.Parser.Record ?? [];
            var end = csv.Parser.RawRow;
            var raw = csv.Parser.RawRecord.TrimEnd('\r', '\n');
            var line = end - raw.Count(c => c == '\n');
            var start = previousEnd + 1;
            previousEnd = end;

            if (UnclosedQuote(raw))
            {
                // The record ran on to the end of the file, so the line it started on is the one to fix.
                errors.Add(new ImportError(start, null, "a quoted field opened on this line is never closed (a \" is missing)"));
                if (errors.Count >= maxErrors)
                {
                    break;
                }
                continue;
            }
            if (record.Length > header.Length && record.Skip(header.Length).Any(v => !string.IsNullOrWhiteSpace(v)))
            {
                errors.Add(new ImportError(line, null, $"has {record.Length} fields but the header has {header.Length}"));
            }

            var row = new RosterRow { Line = line };
            foreach (var (field, index) in fieldIndex)
            {
                row.Fields[field] = index < record.Length ? RosterColumns.Restore(record[index]) : "";
            }
            foreach (var (index, name) in attributeColumns)
            {
                var value = index < record.Length ? RosterColumns.Restore(record[index]) : "";
                if (value.Length > 0)
                {
                    row.Attributes[name] = value;
                }
            }
            rows.Add(row);
            if (errors.Count >= maxErrors)
            {
                break;
            }
        }
        return new RosterFile(headerOf, rows, errors);

        RosterFile Fail(string message) =>
            new(new Dictionary<RosterField, string>(), [], [new ImportError(1, null, message)]);
    }

    /// <summary>
    /// A record whose quotes do not balance ran on to the end of the file: CsvHelper (told to be
    /// lenient so it can go on) reads it as one long field, so this is where a broken quote shows.
    /// </summary>
    private static bool UnclosedQuote(string raw) => raw.Count(c => c == '"') % 2 == 1;

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}

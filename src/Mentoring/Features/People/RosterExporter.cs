using System.Globalization;
using CsvHelper;
using Mentoring.Data;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Features.People;

/// <summary>Writes the roster as CSV in the form the importer reads, so export → import changes nothing.</summary>
public static class RosterExporter
{
    public static async Task<int> WriteAsync(MentoringDbContext db, Stream output, CancellationToken cancellationToken)
    {
        var people = await db.People.AsNoTracking().Include(p => p.Office).Include(p => p.Manager)
            .OrderBy(p => p.Id).ToListAsync(cancellationToken);
        var attributeNames = people.SelectMany(p => p.Attributes.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var headers = RosterColumns.CanonicalHeaders;

        await using var writer = new StreamWriter(output, new System.Text.UTF8Encoding(false), leaveOpen: true);
        await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        foreach (var field in headers.Keys)
        {
            csv.WriteField(headers[field]);
        }
        foreach (var name in attributeNames)
        {
            csv.WriteField(RosterColumns.Neutralize(name));
        }
        await csv.NextRecordAsync();
        foreach (var p in people)
        {
            csv.WriteField(RosterColumns.Neutralize(p.ExternalId));
            csv.WriteField(RosterColumns.Neutralize(p.Name));
            csv.WriteField(RosterColumns.Neutralize(p.Email));
            csv.WriteField(RosterColumns.Neutralize(p.Department));
            csv.WriteField(RosterColumns.Neutralize(p.JobTitle));
            csv.WriteField(p.Level);
            csv.WriteField(RosterColumns.Neutralize(p.Office?.Name));
            csv.WriteField(RosterColumns.Neutralize(p.TimeZone));
            csv.WriteField(RosterColumns.Neutralize(p.Manager?.ExternalId));
            csv.WriteField(p.HireDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            csv.WriteField(RosterColumns.Neutralize(string.Join("; ", p.Interests)));
            csv.WriteField(RosterColumns.Neutralize(string.Join("; ", p.Skills)));
            csv.WriteField(RosterColumns.Neutralize(string.Join("; ", p.Values)));
            csv.WriteField(p.Active ? "yes" : "no");
            foreach (var name in attributeNames)
            {
                csv.WriteField(RosterColumns.Neutralize(p.Attributes.GetValueOrDefault(name)));
            }
            await csv.NextRecordAsync();
        }
        return people.Count;
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Infrastructure;
using Mentoring.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Features.Privacy;

/// <summary>Everything the product holds about one person, gathered from every contributor, and the record that it was exported.</summary>
public sealed class PersonalDataService(MentoringDbContext db, IEnumerable<IPersonalDataContributor> contributors, AuditContext audit)
{
    public async Task<Outcome<JsonObject>> ExportAsync(int personId, CancellationToken cancellationToken)
    {
        if (!await db.People.AnyAsync(p => p.Id == personId, cancellationToken))
        {
            return Outcome<JsonObject>.NotFound();
        }
        // Recorded first, so the export lists its own making among the person's audit records.
        db.AuditRecords.Add(audit.NewRecord("person", personId.ToString(CultureInfo.InvariantCulture), AuditActions.Exported, personId));
        await db.SaveChangesAsync(cancellationToken);
        var export = new PersonalDataExport(personId, audit.Now);
        foreach (var contributor in contributors)
        {
            await contributor.ExportAsync(personId, export, cancellationToken);
        }
        return export.ToJson();
    }
}

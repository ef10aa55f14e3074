using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Features.Offices;

/// <summary>Offices and their rooms: the rules for adding and changing them, shared by the API and the pages.</summary>
public sealed class OfficesService(MentoringDbContext db)
{
    public async Task<List<OfficeDto>> ListAsync(CancellationToken cancellationToken)
    {
        var offices = await db.Offices.AsNoTracking().Include(o => o.Rooms).OrderBy(o => o.Name).ToListAsync(cancellationToken);
        var counts = await CountsAsync(cancellationToken);
        return offices.Select(o => OfficeDto.From(o, counts.GetValueOrDefault(o.Id))).ToList();
    }

    public async Task<OfficeDto?> GetAsync(int id, CancellationToken cancellationToken)
    {
        var office = await db.Offices.AsNoTracking().Include(o => o.Rooms).SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (office is null)
        {
            return null;
        }
        var people = await db.People.CountAsync(p => p.OfficeId == id && p.Active, cancellationToken);
        return OfficeDto.From(office, people);
    }

    /// <summary>Adds an office (<paramref name="id"/> null) or changes one; the rooms listed replace its rooms.</summary>
    public async Task<Outcome<Office>> SaveAsync(int? id, OfficeInput input, CancellationToken cancellationToken)
    {
        var office = id is { } existing
            ? await db.Offices.Include(o => o.Rooms).SingleOrDefaultAsync(o => o.Id == existing, cancellationToken)
            : new Office { Name = "", TimeZone = "" };
        if (office is null)
        {
            return Outcome.NotFound();
        }
        var applied = await ApplyAsync(input, office, cancellationToken);
        if (!applied.Succeeded)
        {
            return Outcome.Invalid(applied.Errors);
        }
        if (office.Id == 0)
        {
            db.Offices.Add(office);
        }
        await db.SaveChangesAsync(cancellationToken);
        return office;
    }

    private async Task<Outcome<Done>> ApplyAsync(OfficeInput input, Office office, CancellationToken cancellationToken)
    {
        var name = input.Name.Trim();
        if (Problems.Zone(input.TimeZone) is null)
        {
            return Outcome.Invalid("timeZone", $"unknown time zone \"{input.TimeZone}\" (use an IANA id such as Europe/London)");
        }
        if (await db.Offices.AnyAsync(o => o.Name == name && o.Id != office.Id, cancellationToken))
        {
            return Outcome.Invalid("name", $"an office called \"{name}\" already exists");
        }
        var rooms = input.Rooms ?? [];
        var duplicate = rooms.GroupBy(r => r.Name.Trim(), StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            return Outcome.Invalid("rooms", $"the room \"{duplicate.Key}\" is listed twice");
        }
        office.Name = name;
        office.TimeZone = input.TimeZone;
        if (input.Rooms is not null)
        {
            // Keep rooms that stay (by name), so their ids and bookings survive an edit.
            var byName = office.Rooms.ToDictionary(r => r.Name, StringComparer.OrdinalIgnoreCase);
            office.Rooms.RemoveAll(r => !rooms.Any(i => string.Equals(i.Name.Trim(), r.Name, StringComparison.OrdinalIgnoreCase)));
            foreach (var room in rooms)
            {
                if (byName.TryGetValue(room.Name.Trim(), out var kept))
                {
                    kept.Capacity = room.Capacity;
                }
                else
                {
                    office.Rooms.Add(new Room { Name = room.Name.Trim(), Capacity = room.Capacity });
                }
            }
        }
        return Outcome.Done();
    }

    /// <summary>Active people per office.</summary>
    public Task<Dictionary<int, int>> CountsAsync(CancellationToken cancellationToken) =>
        db.People.AsNoTracking().Where(p => p.Active && p.OfficeId != null).GroupBy(p => p.OfficeId!.Value)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
}

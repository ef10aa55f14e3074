using System.ComponentModel.DataAnnotations;
using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Features.Offices;

public sealed record RoomDto(int Id, string Name, int Capacity);

public sealed record OfficeDto(int Id, string Name, string TimeZone, IReadOnlyList<RoomDto> Rooms, int People)
{
    public static OfficeDto From(Office o, int people) =>
        new(o.Id, o.Name, o.TimeZone, o.Rooms.OrderBy(r => r.Name).Select(r => new RoomDto(r.Id, r.Name, r.Capacity)).ToList(), people);
}

public sealed record RoomInput
{
    [Required, StringLength(200, MinimumLength = 1)]
    [Display(Name = "Room name")]
    public string Name { get; init; } = "";

    [Range(1, 500)]
    public int Capacity { get; init; }
}

public sealed record OfficeInput
{
    [Required, StringLength(200, MinimumLength = 1)]
    [Display(Name = "Office name")]
    public string Name { get; init; } = "";

    [Required, StringLength(64)]
    [Display(Name = "Time zone")]
    public string TimeZone { get; init; } = "";

    public List<RoomInput>? Rooms { get; init; }
}

/// <summary>Offices and their rooms. Everyone signed in may read them (sessions happen there); admins change them.</summary>
public static class OfficesApi
{
    public static RouteGroupBuilder MapOfficesApi(this RouteGroupBuilder api)
    {
        var offices = api.MapGroup("/offices").WithTags("Offices");
        offices.MapGet("/", List).WithName("ListOffices").WithSummary("All offices with their rooms.").RequireAuthorization(Policies.SignedIn);
        offices.MapGet("/{id:int}", Get).WithName("GetOffice").WithSummary("One office.").RequireAuthorization(Policies.SignedIn);
        offices.MapPost("/", Create).WithName("CreateOffice").WithSummary("Add an office with its rooms.").RequireAuthorization(Policies.Admin);
        offices.MapPut("/{id:int}", Update).WithName("UpdateOffice")
            .WithSummary("Change an office; the rooms listed replace its rooms.").RequireAuthorization(Policies.Admin);
        return api;
    }

    private static async Task<Ok<List<OfficeDto>>> List(MentoringDbContext db, CancellationToken cancellationToken)
    {
        var offices = await db.Offices.AsNoTracking().Include(o => o.Rooms).OrderBy(o => o.Name).ToListAsync(cancellationToken);
        var counts = await CountsAsync(db, cancellationToken);
        return TypedResults.Ok(offices.Select(o => OfficeDto.From(o, counts.GetValueOrDefault(o.Id))).ToList());
    }

    private static async Task<Results<Ok<OfficeDto>, NotFound>> Get(int id, MentoringDbContext db, CancellationToken cancellationToken)
    {
        var office = await db.Offices.AsNoTracking().Include(o => o.Rooms).SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (office is null)
        {
            return TypedResults.NotFound();
        }
        var people = await db.People.CountAsync(p => p.OfficeId == id && p.Active, cancellationToken);
        return TypedResults.Ok(OfficeDto.From(office, people));
    }

    private static async Task<Results<Created<OfficeDto>, ValidationProblem>> Create(OfficeInput input, MentoringDbContext db, CancellationToken cancellationToken)
    {
        var office = new Office { Name = "", TimeZone = "" };
        if (await ApplyAsync(input, office, db, cancellationToken) is { } problem)
        {
            return problem;
        }
        db.Offices.Add(office);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/offices/{office.Id}", OfficeDto.From(office, 0));
    }

    private static async Task<Results<Ok<OfficeDto>, NotFound, ValidationProblem>> Update(
        int id, OfficeInput input, MentoringDbContext db, CancellationToken cancellationToken)
    {
        var office = await db.Offices.Include(o => o.Rooms).SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (office is null)
        {
            return TypedResults.NotFound();
        }
        if (await ApplyAsync(input, office, db, cancellationToken) is { } problem)
        {
            return problem;
        }
        await db.SaveChangesAsync(cancellationToken);
        var people = await db.People.CountAsync(p => p.OfficeId == id && p.Active, cancellationToken);
        return TypedResults.Ok(OfficeDto.From(office, people));
    }

    internal static async Task<ValidationProblem?> ApplyAsync(OfficeInput input, Office office, MentoringDbContext db, CancellationToken cancellationToken)
    {
        var name = input.Name.Trim();
        if (Problems.Zone(input.TimeZone) is null)
        {
            return Problems.Field("timeZone", $"unknown time zone \"{input.TimeZone}\" (use an IANA id such as Europe/London)");
        }
        if (await db.Offices.AnyAsync(o => o.Name == name && o.Id != office.Id, cancellationToken))
        {
            return Problems.Field("name", $"an office called \"{name}\" already exists");
        }
        var rooms = input.Rooms ?? [];
        var duplicate = rooms.GroupBy(r => r.Name.Trim(), StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            return Problems.Field("rooms", $"the room \"{duplicate.Key}\" is listed twice");
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
        return null;
    }

    internal static Task<Dictionary<int, int>> CountsAsync(MentoringDbContext db, CancellationToken cancellationToken) =>
        db.People.AsNoTracking().Where(p => p.Active && p.OfficeId != null).GroupBy(p => p.OfficeId!.Value)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
}

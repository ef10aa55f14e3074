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
    public static IServiceCollection AddOfficesFeature(this IServiceCollection services) => services.AddScoped<OfficesService>();

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

    private static async Task<Ok<List<OfficeDto>>> List(OfficesService offices, CancellationToken cancellationToken) =>
        TypedResults.Ok(await offices.ListAsync(cancellationToken));

    private static async Task<Results<Ok<OfficeDto>, NotFound>> Get(int id, OfficesService offices, CancellationToken cancellationToken) =>
        await offices.GetAsync(id, cancellationToken) is { } office ? TypedResults.Ok(office) : TypedResults.NotFound();

    private static async Task<Results<Created<OfficeDto>, ValidationProblem>> Create(OfficeInput input, OfficesService offices, CancellationToken cancellationToken)
    {
        var saved = await offices.SaveAsync(null, input, cancellationToken);
        return saved.Succeeded ? TypedResults.Created($"/api/offices/{saved.Value!.Id}", OfficeDto.From(saved.Value, 0)) : saved.ToProblem();
    }

    private static async Task<Results<Ok<OfficeDto>, NotFound, ValidationProblem>> Update(
        int id, OfficeInput input, OfficesService offices, CancellationToken cancellationToken)
    {
        var saved = await offices.SaveAsync(id, input, cancellationToken);
        return saved.Succeeded ? TypedResults.Ok((await offices.GetAsync(id, cancellationToken))!) : saved.IsNotFound ? TypedResults.NotFound() : saved.ToProblem();
    }
}

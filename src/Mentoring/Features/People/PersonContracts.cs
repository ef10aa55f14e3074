using System.ComponentModel.DataAnnotations;
using Mentoring.Domain;

namespace Mentoring.Features.People;

/// <summary>A person as the API returns it.</summary>
public sealed record PersonDto(
    int Id, string ExternalId, string Name, string? Email, string? Department, string? JobTitle, int Level,
    int? OfficeId, string? OfficeName, string? TimeZone, int? ManagerId, string? ManagerName, DateOnly? HireDate,
    IReadOnlyList<string> Interests, IReadOnlyList<string> Skills, IReadOnlyList<string> Values,
    IReadOnlyDictionary<string, string> Attributes, bool Active)
{
    public static PersonDto From(Person p) => new(
        p.Id, p.ExternalId, p.Name, p.Email, p.Department, p.JobTitle, p.Level, p.OfficeId, p.Office?.Name, p.TimeZone,
        p.ManagerId, p.Manager?.Name, p.HireDate?.ToDateOnly(), p.Interests, p.Skills, p.Values, p.Attributes, p.Active);
}

/// <summary>What a client sends to create or update a person.</summary>
public sealed record PersonInput
{
    [Required, StringLength(64, MinimumLength = 1)]
    [Display(Name = "Employee id")]
    public string ExternalId { get; init; } = "";

    [Required, StringLength(200, MinimumLength = 1)]
    public string Name { get; init; } = "";

    [EmailAddress, StringLength(320)]
    [Display(Name = "E-mail")]
    public string? Email { get; init; }

    [StringLength(200)]
    public string? Department { get; init; }

    [StringLength(200)]
    [Display(Name = "Job title")]
    public string? JobTitle { get; init; }

    [Range(Person.MinLevel, Person.MaxLevel)]
    public int Level { get; init; } = Person.MinLevel;

    [Display(Name = "Office")]
    public int? OfficeId { get; init; }

    [StringLength(64)]
    [Display(Name = "Time zone")]
    public string? TimeZone { get; init; }

    public int? ManagerId { get; init; }

    [Display(Name = "Hire date")]
    public DateOnly? HireDate { get; init; }

    public List<string>? Interests { get; init; }

    public List<string>? Skills { get; init; }

    public List<string>? Values { get; init; }

    public bool Active { get; init; } = true;
}

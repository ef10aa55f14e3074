using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Features.People;

/// <summary>The roster's rules for adding, changing and deactivating a person, shared by the API and the pages.</summary>
public sealed class PeopleService(MentoringDbContext db)
{
    /// <summary>A person with their office and manager, for reading.</summary>
    public Task<Person?> LoadAsync(int id, CancellationToken cancellationToken) =>
        db.People.AsNoTracking().Include(p => p.Office).Include(p => p.Manager).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);

    /// <summary>Adds a person (<paramref name="id"/> null) or changes one, after the checks of <see cref="ApplyAsync"/>.</summary>
    public async Task<Outcome<Person>> SaveAsync(int? id, PersonInput input, CancellationToken cancellationToken)
    {
        Person person;
        if (id is { } existing)
        {
            if (await db.People.SingleOrDefaultAsync(p => p.Id == existing, cancellationToken) is not { } found)
            {
                return Outcome.NotFound();
            }
            person = found;
        }
        else
        {
            person = new Person { ExternalId = input.ExternalId, Name = input.Name };
        }
        var applied = await ApplyAsync(input, person, cancellationToken);
        if (!applied.Succeeded)
        {
            return Outcome.Invalid(applied.Errors);
        }
        if (person.Id == 0)
        {
            db.People.Add(person);
        }
        await db.SaveChangesAsync(cancellationToken);
        return person;
    }

    /// <summary>Marks a person as no longer active; false when there is no such person.</summary>
    public async Task<bool> DeactivateAsync(int id, CancellationToken cancellationToken)
    {
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (person is null)
        {
            return false;
        }
        person.Active = false;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Checks the id is free and the references (office, zone, manager) exist, then copies the input onto
    /// the (tracked) person without saving: the roster's one set of rules, also used by SCIM provisioning.
    /// </summary>
    public async Task<Outcome<Done>> ApplyAsync(PersonInput input, Person person, CancellationToken cancellationToken)
    {
        var externalId = input.ExternalId.Trim();
        if (await db.People.AnyAsync(p => p.ExternalId == externalId && p.Id != person.Id, cancellationToken))
        {
            return Outcome.Invalid("externalId", $"a person with id \"{externalId}\" already exists");
        }
        if (input.TimeZone is not null && Problems.Zone(input.TimeZone) is null)
        {
            return Outcome.Invalid("timeZone", $"unknown time zone \"{input.TimeZone}\" (use an IANA id such as Europe/London)");
        }
        if (input.OfficeId is { } officeId && !await db.Offices.AnyAsync(o => o.Id == officeId, cancellationToken))
        {
            return Outcome.Invalid("officeId", $"no office has id {officeId}");
        }
        if (input.ManagerId is { } managerId)
        {
            if (managerId == person.Id)
            {
                return Outcome.Invalid("managerId", "a person cannot be their own manager");
            }
            if (!await db.People.AnyAsync(p => p.Id == managerId, cancellationToken))
            {
                return Outcome.Invalid("managerId", $"no person has id {managerId}");
            }
            if (person.Id != 0 && await ReportingLine.IsInLineAsync(db, managerId, person.Id, cancellationToken))
            {
                return Outcome.Invalid("managerId", "that manager reports to this person: the reporting line would loop");
            }
        }
        person.ExternalId = externalId;
        person.Name = input.Name.Trim();
        person.Email = string.IsNullOrWhiteSpace(input.Email) ? null : input.Email.Trim();
        person.Department = string.IsNullOrWhiteSpace(input.Department) ? null : input.Department.Trim();
        person.JobTitle = string.IsNullOrWhiteSpace(input.JobTitle) ? null : input.JobTitle.Trim();
        person.Level = input.Level;
        person.OfficeId = input.OfficeId;
        person.TimeZone = string.IsNullOrWhiteSpace(input.TimeZone) ? null : input.TimeZone;
        person.ManagerId = input.ManagerId;
        person.HireDate = input.HireDate is { } hired ? LocalDate.FromDateOnly(hired) : null;
        person.Interests = input.Interests ?? [];
        person.Skills = input.Skills ?? [];
        person.Values = input.Values ?? [];
        person.Active = input.Active;
        person.RefreshSearchText();
        return Outcome.Done();
    }
}

using System.Globalization;
using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Features.Applications;
using Mentoring.Features.People;
using Mentoring.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Features.Enrollments;

/// <summary>
/// Who to enroll, as <c>POST /api/programs/{id}/enrollments/bulk</c> takes it. Every field is
/// optional; fields combine with AND, the values within a field with OR. <see cref="ExternalIds"/>
/// alone enrolls exactly those people. Only active people are enrolled.
/// </summary>
public sealed record EnrollmentRule
{
    /// <summary><c>mentor</c>, <c>mentee</c> or <c>participant</c>; participant in a coffee roulette, mentee elsewhere, when not given.</summary>
    public string? Role { get; init; }

    public List<int>? Levels { get; init; }

    public List<string>? Departments { get; init; }

    /// <summary>Offices by name or id.</summary>
    public List<string>? Offices { get; init; }

    public List<string>? JobTitles { get; init; }

    /// <summary>Hired on or after this day (yyyy-MM-dd).</summary>
    public string? HiredFrom { get; init; }

    /// <summary>Hired on or before this day (yyyy-MM-dd).</summary>
    public string? HiredTo { get; init; }

    /// <summary>Only people in no active program (the dashboard's juniors not reached).</summary>
    public bool NotInActiveProgram { get; init; }

    /// <summary>Only people who have never had a mentor (matching puts them first).</summary>
    public bool NeverMentored { get; init; }

    /// <summary>HR ids; an unknown one is an error.</summary>
    public List<string>? ExternalIds { get; init; }

    /// <summary>For mentors only: how many mentees each takes at once (1 when not given).</summary>
    public int? Capacity { get; init; }

    /// <summary>Count, write nothing.</summary>
    public bool DryRun { get; init; }
}

/// <summary>What a bulk enrollment did (or, with dryRun, would do): matched = enrolled + alreadyEnrolled.</summary>
public sealed record BulkEnrollmentResult(int Matched, int Enrolled, int AlreadyEnrolled);

/// <summary>One person a rule matched, for the preview.</summary>
public sealed record MatchedPerson(
    int Id, string ExternalId, string Name, string? Department, string? JobTitle, int Level, string? Office, bool AlreadyEnrolled);

/// <summary>The counts and the first people of a rule, before anything is written.</summary>
public sealed record EnrollmentPreview(BulkEnrollmentResult Counts, EnrollmentRole Role, int Capacity, IReadOnlyList<MatchedPerson> People);

/// <summary>A person taken out of a program, with what they had, so that they can be put back.</summary>
public sealed record WithdrawnPerson(int PersonId, string Name, EnrollmentRole Role, int Capacity);

/// <summary>What the enroll page offers to choose from: the values on the roster.</summary>
public sealed record RosterChoices(
    IReadOnlyList<string> Departments, IReadOnlyList<(int Id, string Name)> Offices, IReadOnlyList<string> JobTitles);

/// <summary>
/// Putting people in a program on purpose: by rule, from a list of HR ids, one by one; taking them out
/// and back in. The API and the pages are thin adapters over it.
/// </summary>
public sealed class EnrollmentService(MentoringDbContext db, NodaTime.IClock clock, CurrentPerson current, Waitlist waitlist)
{
    public const int MaxCapacity = 50;

    /// <summary>Enrolls everyone the rule matches who is not in the program yet, in one transaction (or only counts, with dryRun).</summary>
    public async Task<Outcome<BulkEnrollmentResult>> EnrollAsync(int programId, EnrollmentRule rule, CancellationToken cancellationToken)
    {
        var resolved = await ResolveAsync(programId, rule, cancellationToken);
        if (!resolved.Succeeded)
        {
            return resolved.IsNotFound ? Outcome.NotFound() : Outcome.Invalid(resolved.Errors);
        }
        var (role, capacity, query) = resolved.Value!;
        var matched = await query.Select(p => p.Id).ToListAsync(cancellationToken);
        var enrolled = (await db.Enrollments.Where(e => e.ProgramId == programId).Select(e => e.PersonId).ToListAsync(cancellationToken)).ToHashSet();
        var fresh = matched.Where(id => !enrolled.Contains(id)).ToList();
        var result = new BulkEnrollmentResult(matched.Count, fresh.Count, matched.Count - fresh.Count);
        if (rule.DryRun || fresh.Count == 0)
        {
            return result;
        }
        // People with a row already (withdrawn, applied, waitlisted, declined) get it back, with its
        // goals, preferences and answers; the others get a new one.
        var kept = new Dictionary<int, Domain.Enrollment>();
        foreach (var chunk in fresh.Chunk(500))
        {
            foreach (var row in await db.Enrollments.IgnoreQueryFilters([EnrollmentFilter.ActiveOnly])
                .Where(e => e.ProgramId == programId && chunk.Contains(e.PersonId)).ToListAsync(cancellationToken))
            {
                kept[row.PersonId] = row;
            }
        }
        foreach (var row in kept.Values)
        {
            row.Status = EnrollmentStatus.Active;
            row.Role = role;
            row.Capacity = capacity;
            row.WithdrawnAt = null;
            row.WithdrawnBy = null;
        }
        // One SaveChanges is one transaction: all of them are enrolled, or none.
        db.Enrollments.AddRange(fresh.Where(id => !kept.ContainsKey(id)).Select(personId => new Domain.Enrollment
        {
            ProgramId = programId, PersonId = personId, Role = role, Capacity = capacity,
        }));
        await db.SaveChangesAsync(cancellationToken);
        return result;
    }

    /// <summary>The counts and up to <paramref name="show"/> of the people the rule matches, new ones first.</summary>
    public async Task<Outcome<EnrollmentPreview>> PreviewAsync(int programId, EnrollmentRule rule, int show, CancellationToken cancellationToken)
    {
        var resolved = await ResolveAsync(programId, rule, cancellationToken);
        if (!resolved.Succeeded)
        {
            return resolved.IsNotFound ? Outcome.NotFound() : Outcome.Invalid(resolved.Errors);
        }
        var (role, capacity, query) = resolved.Value!;
        var inProgram = db.Enrollments.Where(e => e.ProgramId == programId);
        var matched = await query.CountAsync(cancellationToken);
        var already = await query.CountAsync(p => inProgram.Any(e => e.PersonId == p.Id), cancellationToken);
        var people = await query
            .OrderBy(p => inProgram.Any(e => e.PersonId == p.Id)).ThenBy(p => p.Name).ThenBy(p => p.Id)
            .Select(p => new MatchedPerson(p.Id, p.ExternalId, p.Name, p.Department, p.JobTitle, p.Level,
                p.Office == null ? null : p.Office.Name, inProgram.Any(e => e.PersonId == p.Id)))
            .Take(show).ToListAsync(cancellationToken);
        return new EnrollmentPreview(new BulkEnrollmentResult(matched, matched - already, already), role, capacity, people);
    }

    /// <summary>Active people whose name, e-mail, HR id, title or department contains the text, for enrolling one by one.</summary>
    public async Task<IReadOnlyList<MatchedPerson>> SearchAsync(int programId, string text, int show, CancellationToken cancellationToken)
    {
        var people = db.People.AsNoTracking().Where(p => p.Active)
            .Apply(new PeopleFilter(Search: text));
        var inProgram = db.Enrollments.Where(e => e.ProgramId == programId);
        return await people
            .OrderBy(p => p.Name).ThenBy(p => p.Id)
            .Select(p => new MatchedPerson(p.Id, p.ExternalId, p.Name, p.Department, p.JobTitle, p.Level,
                p.Office == null ? null : p.Office.Name, inProgram.Any(e => e.PersonId == p.Id)))
            .Take(show).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Takes a person out of a program. The enrollment stays, marked withdrawn (when and by whom), with
    /// its goals, preferences and answers; their mentorships, sessions and pairings stay too, so they
    /// can come back to their history. The place it frees goes to the first on the waitlist.
    /// </summary>
    public async Task<Outcome<WithdrawnPerson>> WithdrawAsync(int programId, int enrollmentId, CancellationToken cancellationToken)
    {
        var enrollment = await db.Enrollments.Include(e => e.Person)
            .SingleOrDefaultAsync(e => e.Id == enrollmentId && e.ProgramId == programId, cancellationToken);
        if (enrollment is null)
        {
            return Outcome.NotFound();
        }
        enrollment.Status = EnrollmentStatus.Withdrawn;
        enrollment.WithdrawnAt = clock.GetCurrentInstant();
        enrollment.WithdrawnBy = current.User.Identity?.Name;
        await db.SaveChangesAsync(cancellationToken);
        await waitlist.MoveUpAsync(programId, enrollment.Role, cancellationToken);
        return new WithdrawnPerson(enrollment.PersonId, enrollment.Person!.Name, enrollment.Role, enrollment.Capacity);
    }

    /// <summary>Puts a person back in a program with the role (and capacity) they had; answers their name.</summary>
    public async Task<Outcome<string>> ReenrollAsync(int programId, int personId, string? role, int? capacity, CancellationToken cancellationToken)
    {
        var person = await db.People.AsNoTracking().Where(p => p.Id == personId).Select(p => new { p.ExternalId, p.Name }).SingleOrDefaultAsync(cancellationToken);
        if (person is null)
        {
            return Outcome.NotFound();
        }
        var outcome = await EnrollAsync(programId, new EnrollmentRule { ExternalIds = [person.ExternalId], Role = role, Capacity = capacity }, cancellationToken);
        return outcome.Succeeded ? person.Name : outcome.IsNotFound ? Outcome.NotFound() : Outcome.Invalid(outcome.Errors);
    }

    /// <summary>
    /// People who took part in the program (a mentorship in it) and are no longer enrolled, with the
    /// role they had there, so that the admin can put them back.
    /// </summary>
    public async Task<IReadOnlyList<WithdrawnPerson>> FormerAsync(int programId, CancellationToken cancellationToken)
    {
        var withdrawn = await db.Enrollments.IgnoreQueryFilters([EnrollmentFilter.ActiveOnly]).AsNoTracking()
            .Where(e => e.ProgramId == programId && e.Status == EnrollmentStatus.Withdrawn)
            .Select(e => new WithdrawnPerson(e.PersonId, e.Person!.Name, e.Role, e.Capacity)).ToListAsync(cancellationToken);
        // People who left before enrollments kept a status have no row: their mentorships tell their role.
        var anyRow = db.Enrollments.IgnoreQueryFilters([EnrollmentFilter.ActiveOnly]).Where(e => e.ProgramId == programId).Select(e => e.PersonId);
        var mentorships = db.Mentorships.AsNoTracking().Where(m => m.ProgramId == programId);
        var mentors = await mentorships.Where(m => !anyRow.Contains(m.MentorId))
            .GroupBy(m => new { m.MentorId, m.Mentor!.Name })
            .Select(g => new { g.Key.MentorId, g.Key.Name, Count = g.Count() }).ToListAsync(cancellationToken);
        var mentees = await mentorships.Where(m => !anyRow.Contains(m.MenteeId))
            .Select(m => new { m.MenteeId, m.Mentee!.Name }).Distinct().ToListAsync(cancellationToken);
        return withdrawn
            .Concat(mentors.Select(m => new WithdrawnPerson(m.MentorId, m.Name, EnrollmentRole.Mentor, Math.Min(MaxCapacity, Math.Max(1, m.Count)))))
            .Concat(mentees.Where(m => mentors.All(t => t.MentorId != m.MenteeId))
                .Select(m => new WithdrawnPerson(m.MenteeId, m.Name, EnrollmentRole.Mentee, 0)))
            .OrderBy(p => p.Name).ThenBy(p => p.PersonId).ToList();
    }

    /// <summary>Departments, offices and job titles of the active roster, for the enroll page's choices.</summary>
    public async Task<RosterChoices> ChoicesAsync(CancellationToken cancellationToken)
    {
        var active = db.People.AsNoTracking().Where(p => p.Active);
        var departments = await active.Where(p => p.Department != null).Select(p => p.Department!).Distinct().ToListAsync(cancellationToken);
        var titles = await active.Where(p => p.JobTitle != null).Select(p => p.JobTitle!).Distinct().ToListAsync(cancellationToken);
        var offices = await db.Offices.AsNoTracking().OrderBy(o => o.Name).Select(o => new { o.Id, o.Name }).ToListAsync(cancellationToken);
        return new RosterChoices(
            departments.Order(StringComparer.OrdinalIgnoreCase).ToList(),
            offices.Select(o => (o.Id, o.Name)).ToList(),
            titles.Order(StringComparer.OrdinalIgnoreCase).ToList());
    }

    public static EnrollmentRole DefaultRole(ProgramKind kind) =>
        kind == ProgramKind.CoffeeRoulette ? EnrollmentRole.Participant : EnrollmentRole.Mentee;

    /// <summary>Checks every field of the rule (all errors at once) and turns it into a query over the roster.</summary>
    private async Task<Outcome<(EnrollmentRole Role, int Capacity, IQueryable<Person> People)>> ResolveAsync(
        int programId, EnrollmentRule rule, CancellationToken cancellationToken)
    {
        var program = await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == programId, cancellationToken);
        if (program is null)
        {
            return Outcome.NotFound();
        }
        var errors = new List<FieldError>();

        var role = DefaultRole(program.Kind);
        if (!string.IsNullOrWhiteSpace(rule.Role))
        {
            var parsed = Enum.GetValues<EnrollmentRole>().Where(r => string.Equals(r.ToString(), rule.Role.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
            if (parsed.Count == 1)
            {
                role = parsed[0];
            }
            else
            {
                errors.Add(new FieldError("role", $"\"{rule.Role}\" is not a role (mentor, mentee or participant)"));
            }
        }
        var capacity = role == EnrollmentRole.Mentor ? 1 : 0;
        if (rule.Capacity is { } wanted)
        {
            if (role != EnrollmentRole.Mentor)
            {
                errors.Add(new FieldError("capacity", "only mentors have a capacity"));
            }
            else if (wanted is < 1 or > MaxCapacity)
            {
                errors.Add(new FieldError("capacity", $"a mentor takes from 1 to {MaxCapacity} mentees"));
            }
            else
            {
                capacity = wanted;
            }
        }

        var levels = rule.Levels ?? [];
        var badLevels = levels.Where(l => l is < Person.MinLevel or > Person.MaxLevel).Distinct().ToList();
        if (badLevels.Count > 0)
        {
            errors.Add(new FieldError("levels", $"{string.Join(", ", badLevels)} is not a level from {Person.MinLevel} to {Person.MaxLevel}"));
        }

        var from = Date(rule.HiredFrom, "hiredFrom", errors);
        var to = Date(rule.HiredTo, "hiredTo", errors);
        if (from is { } f && to is { } t && f > t)
        {
            errors.Add(new FieldError("hiredFrom", "the first hire date is after the last"));
        }

        // Names are matched as the roster spells them, whatever the case, the same on every database.
        var choices = await ChoicesAsync(cancellationToken);
        var departments = Known(rule.Departments, choices.Departments, "departments", "department", errors);
        var titles = Known(rule.JobTitles, choices.JobTitles, "jobTitles", "job title", errors);
        var officeIds = new List<int>();
        var unknownOffices = new List<string>();
        foreach (var office in Values(rule.Offices))
        {
            var found = choices.Offices.Where(o => string.Equals(o.Name, office, StringComparison.OrdinalIgnoreCase)
                || int.TryParse(office, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && o.Id == id).ToList();
            if (found.Count == 0)
            {
                unknownOffices.Add(office);
            }
            officeIds.AddRange(found.Select(o => o.Id));
        }
        if (unknownOffices.Count > 0)
        {
            errors.Add(new FieldError("offices", $"no office is called {Quoted(unknownOffices)}"));
        }

        var externalIds = Values(rule.ExternalIds);
        if (externalIds.Count > 0)
        {
            var found = new Dictionary<string, bool>(StringComparer.Ordinal);
            foreach (var chunk in externalIds.Chunk(500))
            {
                foreach (var p in await db.People.AsNoTracking().Where(p => chunk.Contains(p.ExternalId))
                    .Select(p => new { p.ExternalId, p.Active }).ToListAsync(cancellationToken))
                {
                    found[p.ExternalId] = p.Active;
                }
            }
            var unknown = externalIds.Where(x => !found.ContainsKey(x)).ToList();
            if (unknown.Count > 0)
            {
                errors.Add(new FieldError("externalIds", $"no person has the HR id {Quoted(unknown)}"));
            }
            var inactive = externalIds.Where(x => found.TryGetValue(x, out var active) && !active).ToList();
            if (inactive.Count > 0)
            {
                errors.Add(new FieldError("externalIds", $"the person with HR id {Quoted(inactive)} is not active"));
            }
        }
        if (errors.Count > 0)
        {
            return Outcome.Invalid(errors);
        }

        var people = db.People.AsNoTracking().Where(p => p.Active);
        if (levels.Count > 0)
        {
            people = people.Where(p => levels.Contains(p.Level));
        }
        if (departments.Count > 0)
        {
            people = people.Where(p => departments.Contains(p.Department!));
        }
        if (titles.Count > 0)
        {
            people = people.Where(p => titles.Contains(p.JobTitle!));
        }
        if (rule.Offices is { Count: > 0 })
        {
            people = people.Where(p => p.OfficeId != null && officeIds.Contains(p.OfficeId.Value));
        }
        if (from is { } hiredFrom)
        {
            people = people.Where(p => p.HireDate >= hiredFrom);
        }
        if (to is { } hiredTo)
        {
            people = people.Where(p => p.HireDate <= hiredTo);
        }
        if (rule.NotInActiveProgram)
        {
            people = people.InNoActiveProgram(db);
        }
        if (rule.NeverMentored)
        {
            people = people.NeverMentored(db);
        }
        if (externalIds.Count > 0)
        {
            people = people.Where(p => externalIds.Contains(p.ExternalId));
        }
        if (program.IsScoped)
        {
            // A pilot enrolls only within its scope: a rule simply matches nobody outside it, a named person is an error.
            var inScope = people.InScopeOf(program);
            if (externalIds.Count > 0)
            {
                var reached = (await inScope.Select(p => p.ExternalId).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
                var outside = externalIds.Where(x => !reached.Contains(x)).ToList();
                if (outside.Count > 0)
                {
                    return Outcome.Invalid("externalIds", $"the pilot reaches only {PilotScopes.Describe(program)}: {Quoted(outside)} is outside it");
                }
            }
            people = inScope;
        }
        return (role, capacity, people);
    }

    private static NodaTime.LocalDate? Date(string? text, string field, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var parsed = NodaTime.Text.LocalDatePattern.Iso.Parse(text.Trim());
        if (!parsed.Success)
        {
            errors.Add(new FieldError(field, $"\"{text}\" is not a date (yyyy-MM-dd)"));
            return null;
        }
        return parsed.Value;
    }

    private static List<string> Values(List<string>? values) =>
        (values ?? []).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct(StringComparer.Ordinal).ToList();

    private static List<string> Known(List<string>? wanted, IReadOnlyList<string> roster, string field, string what, List<FieldError> errors)
    {
        var known = new List<string>();
        var unknown = new List<string>();
        foreach (var value in Values(wanted))
        {
            var found = roster.Where(r => string.Equals(r, value, StringComparison.OrdinalIgnoreCase)).ToList();
            if (found.Count == 0)
            {
                unknown.Add(value);
            }
            known.AddRange(found);
        }
        if (unknown.Count > 0)
        {
            errors.Add(new FieldError(field, $"no active person has the {what} {Quoted(unknown)}"));
        }
        return known;
    }

    private static string Quoted(IReadOnlyList<string> values) =>
        string.Join(", ", values.Take(10).Select(v => $"\"{v}\"")) + (values.Count > 10 ? $" and {values.Count - 10} more" : "");
}

using System.Text.Json;
using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Features.Enrollments;
using Mentoring.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Features.Applications;

/// <summary>
/// Applications to a program: the admin's form, people applying, the admin's decisions and the
/// waitlist. An application is the person's enrollment row in a status other than active, so that
/// the answers stay on the enrollment once it is approved.
/// </summary>
public sealed class ApplicationsService(MentoringDbContext db, IClock clock, CurrentPerson current, Waitlist waitlist)
{
    public const int MaxQuestions = 30;
    public const int MaxShortText = 200;
    public const int MaxLongText = 4000;
    public const int MaxOptions = 30;
    public const int MaxCapacity = 100_000;

    private IQueryable<Enrollment> All => db.Enrollments.IgnoreQueryFilters([EnrollmentFilter.ActiveOnly]);

    /// <summary>The program's form, or a closed, empty one when the admin has not made one yet.</summary>
    public async Task<Outcome<ApplicationFormDto>> FormAsync(int programId, CancellationToken cancellationToken)
    {
        var program = await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == programId, cancellationToken);
        if (program is null)
        {
            return Outcome.NotFound();
        }
        var form = await db.ApplicationForms.AsNoTracking().SingleOrDefaultAsync(f => f.ProgramId == programId, cancellationToken)
            ?? new ApplicationForm { ProgramId = programId, TimeZone = await AdminZoneAsync(cancellationToken) };
        return Dto(form, program);
    }

    /// <summary>Saves the form (every field checked, all errors at once); the answers already given follow their questions' mapping.</summary>
    public async Task<Outcome<ApplicationFormDto>> SaveFormAsync(int programId, ApplicationFormInput input, CancellationToken cancellationToken)
    {
        var program = await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == programId, cancellationToken);
        if (program is null)
        {
            return Outcome.NotFound();
        }
        var form = await db.ApplicationForms.SingleOrDefaultAsync(f => f.ProgramId == programId, cancellationToken);
        var errors = new List<FieldError>();
        if (!Enum.IsDefined(input.Approval))
        {
            errors.Add(new("approval", "approval is automatic or admin"));
        }
        if (input.OpensOn is { } opens && input.ClosesOn is { } closes && closes < opens)
        {
            errors.Add(new("closesOn", "the closing day is before the opening day"));
        }
        var zone = string.IsNullOrWhiteSpace(input.TimeZone) ? form?.TimeZone ?? await AdminZoneAsync(cancellationToken) : input.TimeZone.Trim();
        if (Problems.Zone(zone) is null)
        {
            errors.Add(new("timeZone", $"\"{zone}\" is not a time zone (e.g. Europe/Paris)"));
        }
        var capacity = input.Capacity ?? new RoleCapacity(null, null, null);
        foreach (var (field, value) in new[] { ("capacity.mentor", capacity.Mentor), ("capacity.mentee", capacity.Mentee), ("capacity.participant", capacity.Participant) })
        {
            if (value is < 0 or > MaxCapacity)
            {
                errors.Add(new(field, $"a capacity is from 0 to {MaxCapacity:N0} places, or empty for no limit"));
            }
        }
        var intro = (input.Intro ?? "").Trim();
        if (intro.Length > MaxLongText)
        {
            errors.Add(new("intro", $"the introduction is at most {MaxLongText} characters"));
        }
        var questions = Questions(input.Questions ?? [], form?.Questions ?? [], errors);
        if (errors.Count > 0)
        {
            return Outcome.Invalid(errors);
        }
        if (form is null)
        {
            form = new ApplicationForm { ProgramId = programId };
            db.ApplicationForms.Add(form);
        }
        form.IsOpen = input.IsOpen;
        form.OpensOn = input.OpensOn is { } o ? LocalDate.FromDateOnly(o) : null;
        form.ClosesOn = input.ClosesOn is { } c ? LocalDate.FromDateOnly(c) : null;
        form.TimeZone = zone;
        form.Approval = input.Approval;
        form.MentorCapacity = capacity.Mentor;
        form.MenteeCapacity = capacity.Mentee;
        form.ParticipantCapacity = capacity.Participant;
        form.Intro = intro;
        form.Questions = questions;

        // Matching reads the mapping from the answers on the enrollment: keep them in step with the form.
        var mapping = questions.ToDictionary(q => q.Id, q => q.MapsTo);
        foreach (var enrollment in await All.Where(e => e.ProgramId == programId && e.AppliedAt != null).ToListAsync(cancellationToken))
        {
            var answers = enrollment.Answers.Select(a => new ApplicationAnswer
            {
                QuestionId = a.QuestionId, Question = a.Question, Values = a.Values, MapsTo = mapping.GetValueOrDefault(a.QuestionId),
            }).ToList();
            enrollment.Answers = answers;
        }
        await db.SaveChangesAsync(cancellationToken);
        // More places may have been given.
        foreach (var role in Enum.GetValues<EnrollmentRole>())
        {
            await waitlist.MoveUpAsync(programId, role, cancellationToken);
        }
        return Dto(form, program);
    }

    /// <summary>The programs taking applications today, with where the person stands in each.</summary>
    public async Task<IReadOnlyList<OpenProgramDto>> OpenAsync(int? personId, CancellationToken cancellationToken) =>
        await OpenAsync(personId is { } id ? await MineAsync(id, cancellationToken) : [], cancellationToken);

    /// <summary>The open programs, with <paramref name="mine"/>: the person's applications, already read (<see cref="MineAsync"/>).</summary>
    public async Task<IReadOnlyList<OpenProgramDto>> OpenAsync(IReadOnlyList<ApplicationDto> mine, CancellationToken cancellationToken)
    {
        var forms = await db.ApplicationForms.AsNoTracking().Include(f => f.Program)
            .Where(f => f.IsOpen && f.Program!.Status != ProgramStatus.Archived && f.Program.Status != ProgramStatus.Completed)
            .ToListAsync(cancellationToken);
        var now = clock.GetCurrentInstant();
        var open = forms.Where(f => f.IsOpenOn(Today.Of(now, f.TimeZone))).OrderBy(f => f.Program!.Name).ToList();
        return open.Select(f => new OpenProgramDto(f.ProgramId, f.Program!.Name, f.Program.Purpose, f.Program.Kind, f.ClosesOn,
                Enum.GetValues<EnrollmentRole>().Where(r => f.CapacityOf(r) is not 0).ToList(),
                EnrollmentService.DefaultRole(f.Program.Kind), mine.FirstOrDefault(a => a.ProgramId == f.ProgramId)))
            .ToList();
    }

    /// <summary>The form of an open program, for the apply page; not found when it is not taking applications.</summary>
    public async Task<ApplicationFormDto?> OpenFormAsync(int programId, CancellationToken cancellationToken)
    {
        var form = await db.ApplicationForms.AsNoTracking().Include(f => f.Program).SingleOrDefaultAsync(f => f.ProgramId == programId, cancellationToken);
        return form is null ? null : Dto(form, form.Program!);
    }

    /// <summary>The person applies: every answer checked against its question, and the role against its places.</summary>
    public async Task<Outcome<ApplicationDto>> ApplyAsync(int programId, int? personId, ApplyInput input, CancellationToken cancellationToken)
    {
        var program = await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == programId, cancellationToken);
        if (program is null)
        {
            return Outcome.NotFound();
        }
        if (personId is null || !await db.People.AnyAsync(p => p.Id == personId && p.Active, cancellationToken))
        {
            return Outcome.Invalid("personId", "your account is not linked to an active person on the roster");
        }
        if (!await PilotScopes.InScopeAsync(db, program, personId.Value, cancellationToken))
        {
            return Outcome.Invalid("programId", $"{program.Name} is a pilot for {PilotScopes.Describe(program)} only");
        }
        var form = await db.ApplicationForms.AsNoTracking().SingleOrDefaultAsync(f => f.ProgramId == programId, cancellationToken);
        var now = clock.GetCurrentInstant();
        if (form is null || !form.IsOpenOn(Today.Of(now, form.TimeZone)) || program.Status is ProgramStatus.Archived or ProgramStatus.Completed)
        {
            var when = form is { IsOpen: true, OpensOn: { } opens } && Today.Of(now, form.TimeZone) < opens
                ? $"; applications open on {opens:uuuu-MM-dd}" : "";
            return Outcome.Invalid("programId", $"{program.Name} is not taking applications{when}");
        }
        var existing = await All.SingleOrDefaultAsync(e => e.ProgramId == programId && e.PersonId == personId, cancellationToken);
        if (existing is { Status: not EnrollmentStatus.Withdrawn })
        {
            return Outcome.Invalid("programId", existing.Status switch
            {
                EnrollmentStatus.Active => $"you are already in {program.Name}",
                EnrollmentStatus.Declined => $"your application to {program.Name} was declined",
                _ => $"you have already applied to {program.Name}",
            });
        }
        var errors = new List<FieldError>();
        var role = EnrollmentService.DefaultRole(program.Kind);
        if (!string.IsNullOrWhiteSpace(input.Role))
        {
            var parsed = Enum.GetValues<EnrollmentRole>().Where(r => string.Equals(r.ToString(), input.Role.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
            if (parsed.Count == 1)
            {
                role = parsed[0];
            }
            else
            {
                errors.Add(new("role", $"\"{input.Role}\" is not a role (mentor, mentee or participant)"));
            }
        }
        if (errors.Count == 0 && form.CapacityOf(role) == 0)
        {
            errors.Add(new("role", $"{program.Name} takes no {role.ToString().ToLowerInvariant()}s"));
        }
        var answers = Answers(form.Questions, input.Answers ?? [], errors);
        if (errors.Count > 0)
        {
            return Outcome.Invalid(errors);
        }
        var enrollment = existing ?? new Enrollment { ProgramId = programId, PersonId = personId.Value };
        if (existing is null)
        {
            db.Enrollments.Add(enrollment);
        }
        if (enrollment.Role != role || existing is null)
        {
            enrollment.Capacity = role == EnrollmentRole.Mentor ? 1 : 0;
        }
        enrollment.Role = role;
        enrollment.Answers = answers;
        enrollment.AppliedAt = now;
        enrollment.DecidedAt = null;
        enrollment.WithdrawnAt = null;
        enrollment.WithdrawnBy = null;
        if (form.Approval == ApprovalMode.Automatic)
        {
            enrollment.Status = await waitlist.FreePlacesAsync(form, role, cancellationToken) > 0 ? EnrollmentStatus.Active : EnrollmentStatus.Waitlisted;
            enrollment.DecidedAt = now;
        }
        else
        {
            enrollment.Status = EnrollmentStatus.Submitted;
        }
        await db.SaveChangesAsync(cancellationToken);
        return await DtoAsync(enrollment.Id, cancellationToken);
    }

    /// <summary>The person's applications, newest first.</summary>
    public async Task<IReadOnlyList<ApplicationDto>> MineAsync(int personId, CancellationToken cancellationToken) =>
        await ListAsync(All.Where(e => e.PersonId == personId && e.AppliedAt != null), cancellationToken);

    /// <summary>The program's applications with their answers and the places per role, for the admin.</summary>
    public async Task<Outcome<ApplicationReview>> ReviewAsync(int programId, CancellationToken cancellationToken)
    {
        var form = await FormAsync(programId, cancellationToken);
        if (!form.Succeeded)
        {
            return Outcome.NotFound();
        }
        var applications = await ListAsync(All.Where(e => e.ProgramId == programId && e.AppliedAt != null), cancellationToken);
        var statuses = await All.Where(e => e.ProgramId == programId).GroupBy(e => new { e.Role, e.Status })
            .Select(g => new { g.Key.Role, g.Key.Status, Count = g.Count() }).ToListAsync(cancellationToken);
        int Count(EnrollmentRole role, EnrollmentStatus status) => statuses.Where(s => s.Role == role && s.Status == status).Sum(s => s.Count);
        var capacity = form.Value!.Capacity;
        var counts = Enum.GetValues<EnrollmentRole>().Select(r => new RoleCount(r, Count(r, EnrollmentStatus.Active),
            r switch { EnrollmentRole.Mentor => capacity.Mentor, EnrollmentRole.Mentee => capacity.Mentee, _ => capacity.Participant },
            Count(r, EnrollmentStatus.Waitlisted), Count(r, EnrollmentStatus.Submitted))).ToList();
        return new ApplicationReview(form.Value, counts, applications
            .OrderBy(a => a.Status switch { ApplicationStatus.Submitted => 0, ApplicationStatus.Waitlisted => 1, ApplicationStatus.Approved => 2, _ => 3 })
            .ThenBy(a => a.WaitlistPlace).ThenBy(a => a.AppliedAt).ToList());
    }

    /// <summary>The admin approves: the person is in when their role has a place, else on the waitlist; approving a waitlisted person moves them in.</summary>
    public async Task<Outcome<ApplicationDto>> ApproveAsync(int id, CancellationToken cancellationToken)
    {
        var enrollment = await All.SingleOrDefaultAsync(e => e.Id == id && e.AppliedAt != null, cancellationToken);
        if (enrollment is null)
        {
            return Outcome.NotFound();
        }
        if (enrollment.Status is not (EnrollmentStatus.Submitted or EnrollmentStatus.Waitlisted))
        {
            return Outcome.Invalid("status", $"only a submitted or waitlisted application can be approved; this one is {Name(Status(enrollment.Status))}");
        }
        var form = await db.ApplicationForms.AsNoTracking().SingleAsync(f => f.ProgramId == enrollment.ProgramId, cancellationToken);
        // Approving someone already on the waitlist moves them in on purpose, past the capacity.
        var free = await waitlist.FreePlacesAsync(form, enrollment.Role, cancellationToken);
        enrollment.Status = free > 0 || enrollment.Status == EnrollmentStatus.Waitlisted ? EnrollmentStatus.Active : EnrollmentStatus.Waitlisted;
        enrollment.DecidedAt = clock.GetCurrentInstant();
        await db.SaveChangesAsync(cancellationToken);
        return await DtoAsync(id, cancellationToken);
    }

    /// <summary>The admin declines; an approved person's place goes to the first on the waitlist.</summary>
    public async Task<Outcome<ApplicationDto>> DeclineAsync(int id, CancellationToken cancellationToken)
    {
        var enrollment = await All.SingleOrDefaultAsync(e => e.Id == id && e.AppliedAt != null, cancellationToken);
        if (enrollment is null)
        {
            return Outcome.NotFound();
        }
        if (enrollment.Status is EnrollmentStatus.Declined or EnrollmentStatus.Withdrawn)
        {
            return Outcome.Invalid("status", $"this application is already {Name(Status(enrollment.Status))}");
        }
        var freed = enrollment.Status == EnrollmentStatus.Active;
        enrollment.Status = EnrollmentStatus.Declined;
        enrollment.DecidedAt = clock.GetCurrentInstant();
        await db.SaveChangesAsync(cancellationToken);
        if (freed)
        {
            await waitlist.MoveUpAsync(enrollment.ProgramId, enrollment.Role, cancellationToken);
        }
        return await DtoAsync(id, cancellationToken);
    }

    /// <summary>The applicant (or an admin) withdraws; the row stays, and a place it held goes to the waitlist.</summary>
    public async Task<Outcome<ApplicationDto>> WithdrawAsync(int id, CancellationToken cancellationToken)
    {
        var personId = await current.IdAsync(cancellationToken);
        var enrollment = await All.SingleOrDefaultAsync(e => e.Id == id && e.AppliedAt != null, cancellationToken);
        if (enrollment is null || (enrollment.PersonId != personId && !current.IsAdmin))
        {
            return Outcome.NotFound();
        }
        if (enrollment.Status is EnrollmentStatus.Declined or EnrollmentStatus.Withdrawn)
        {
            return Outcome.Invalid("status", $"this application is already {Name(Status(enrollment.Status))}");
        }
        var freed = enrollment.Status == EnrollmentStatus.Active;
        enrollment.Status = EnrollmentStatus.Withdrawn;
        enrollment.WithdrawnAt = clock.GetCurrentInstant();
        enrollment.WithdrawnBy = current.User.Identity?.Name;
        await db.SaveChangesAsync(cancellationToken);
        if (freed)
        {
            await waitlist.MoveUpAsync(enrollment.ProgramId, enrollment.Role, cancellationToken);
        }
        return await DtoAsync(id, cancellationToken);
    }

    public static ApplicationStatus Status(EnrollmentStatus status) => status switch
    {
        EnrollmentStatus.Active => ApplicationStatus.Approved,
        EnrollmentStatus.Submitted => ApplicationStatus.Submitted,
        EnrollmentStatus.Waitlisted => ApplicationStatus.Waitlisted,
        EnrollmentStatus.Declined => ApplicationStatus.Declined,
        _ => ApplicationStatus.Withdrawn,
    };

    public static string Name(ApplicationStatus status) => status.ToString().ToLowerInvariant();

    private async Task<Outcome<ApplicationDto>> DtoAsync(int id, CancellationToken cancellationToken) =>
        (await ListAsync(All.Where(e => e.Id == id), cancellationToken)).Single();

    private async Task<List<ApplicationDto>> ListAsync(IQueryable<Enrollment> query, CancellationToken cancellationToken)
    {
        var rows = await query.AsNoTracking()
            .Select(e => new { Enrollment = e, ProgramName = e.Program!.Name, PersonName = e.Person!.Name }).ToListAsync(cancellationToken);
        var programs = rows.Select(r => r.Enrollment.ProgramId).Distinct().ToList();
        // Waitlist places: first come, first served, per program and role.
        var waiting = await All.AsNoTracking().Where(e => programs.Contains(e.ProgramId) && e.Status == EnrollmentStatus.Waitlisted)
            .Select(e => new { e.Id, e.ProgramId, e.Role, e.AppliedAt }).ToListAsync(cancellationToken);
        var place = waiting.GroupBy(w => (w.ProgramId, w.Role))
            .SelectMany(g => g.OrderBy(w => w.AppliedAt).ThenBy(w => w.Id).Select((w, i) => (w.Id, Place: i + 1)))
            .ToDictionary(w => w.Id, w => w.Place);
        return rows.Select(r =>
        {
            var e = r.Enrollment;
            return new ApplicationDto(e.Id, e.ProgramId, r.ProgramName, e.PersonId, r.PersonName, e.Role, Status(e.Status),
                place.TryGetValue(e.Id, out var p) ? p : null, e.AppliedAt, e.DecidedAt, e.WithdrawnAt,
                e.Answers.Select(a => new AnswerDto(a.QuestionId, a.Question, a.Values, a.MapsTo)).ToList());
        }).OrderByDescending(a => a.AppliedAt).ThenBy(a => a.Id).ToList();
    }

    private ApplicationFormDto Dto(ApplicationForm form, MentoringProgram program) => new(
        program.Id, program.Name, form.IsOpen, form.IsOpenOn(clock.TodayIn(form.TimeZone)), form.OpensOn, form.ClosesOn, form.TimeZone,
        form.Approval, new RoleCapacity(form.MentorCapacity, form.MenteeCapacity, form.ParticipantCapacity), form.Intro,
        form.Questions.Select(QuestionDto.From).ToList());

    /// <summary>The zone of the admin saving the form (their own, else their office's), UTC when they have none.</summary>
    private async Task<string> AdminZoneAsync(CancellationToken cancellationToken) =>
        await current.IdAsync(cancellationToken) is { } id
            ? await db.People.AsNoTracking().Where(p => p.Id == id).Select(p => p.TimeZone ?? p.Office!.TimeZone).SingleOrDefaultAsync(cancellationToken) ?? "UTC"
            : "UTC";

    private static List<ApplicationQuestion> Questions(List<QuestionInput> inputs, List<ApplicationQuestion> existing, List<FieldError> errors)
    {
        if (inputs.Count > MaxQuestions)
        {
            errors.Add(new("questions", $"a form has at most {MaxQuestions} questions"));
            return [];
        }
        var known = existing.Select(q => q.Id).ToHashSet();
        var nextId = Math.Max(existing.Count == 0 ? 0 : existing.Max(q => q.Id), inputs.Max(q => q.Id) ?? 0) + 1;
        var used = new HashSet<int>();
        var questions = new List<ApplicationQuestion>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            var field = $"questions[{i}]";
            var text = (input.Text ?? "").Trim();
            if (text.Length == 0 || text.Length > 300)
            {
                errors.Add(new(field + ".text", "a question needs its words, at most 300 characters"));
            }
            if (input.Kind is not { } kind || !Enum.IsDefined(kind))
            {
                errors.Add(new(field + ".kind", "the kind is short-text, long-text, single-choice, multiple-choice or scale"));
                continue;
            }
            var mapsTo = input.MapsTo ?? AnswerMapping.None;
            if (!Enum.IsDefined(mapsTo))
            {
                errors.Add(new(field + ".mapsTo", "an answer maps to none, goals, interests, skills or values"));
            }
            var options = (input.Options ?? []).Select(o => (o ?? "").Trim()).ToList();
            var choice = kind is QuestionKind.SingleChoice or QuestionKind.MultipleChoice;
            if (choice && (options.Count < 2 || options.Count > MaxOptions || options.Any(o => o.Length is 0 or > 100)
                || options.Distinct(StringComparer.OrdinalIgnoreCase).Count() != options.Count))
            {
                errors.Add(new(field + ".options", $"a choice offers from 2 to {MaxOptions} different options of at most 100 characters"));
            }
            else if (!choice && options.Count > 0)
            {
                errors.Add(new(field + ".options", "only single and multiple choice questions have options"));
            }
            int id;
            if (input.Id is { } given)
            {
                if (!known.Contains(given) || !used.Add(given))
                {
                    errors.Add(new(field + ".id", $"the form has no question {given} to keep; leave the id out for a new question"));
                    continue;
                }
                id = given;
            }
            else
            {
                id = nextId++;
                used.Add(id);
            }
            questions.Add(new ApplicationQuestion { Id = id, Text = text, Kind = kind, Required = input.Required, Options = choice ? options : [], MapsTo = mapsTo });
        }
        return questions;
    }

    /// <summary>Checks each answer against its question's kind; a missing required answer, a wrong kind or an option not offered names the question's field.</summary>
    private static List<ApplicationAnswer> Answers(List<ApplicationQuestion> questions, List<AnswerInput> inputs, List<FieldError> errors)
    {
        var byQuestion = new Dictionary<int, AnswerInput>();
        foreach (var input in inputs)
        {
            if (questions.All(q => q.Id != input.QuestionId))
            {
                errors.Add(new($"answers.{input.QuestionId}", $"the form has no question {input.QuestionId}"));
            }
            else if (!byQuestion.TryAdd(input.QuestionId, input))
            {
                errors.Add(new($"answers.{input.QuestionId}", "answered twice"));
            }
        }
        var answers = new List<ApplicationAnswer>();
        foreach (var question in questions)
        {
            var field = $"answers.{question.Id}";
            var values = byQuestion.TryGetValue(question.Id, out var given) ? Values(question, given.Value, field, errors) : [];
            if (values is null)
            {
                continue;
            }
            if (values.Count == 0)
            {
                if (question.Required)
                {
                    errors.Add(new(field, $"\"{question.Text}\" needs an answer"));
                }
                continue;
            }
            answers.Add(new ApplicationAnswer { QuestionId = question.Id, Question = question.Text, Values = values, MapsTo = question.MapsTo });
        }
        return answers;
    }

    private static List<string>? Values(ApplicationQuestion question, JsonElement value, string field, List<FieldError> errors)
    {
        if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return [];
        }
        switch (question.Kind)
        {
            case QuestionKind.ShortText or QuestionKind.LongText:
                {
                    var max = question.Kind == QuestionKind.ShortText ? MaxShortText : MaxLongText;
                    if (value.ValueKind != JsonValueKind.String)
                    {
                        errors.Add(new(field, $"\"{question.Text}\" takes text"));
                        return null;
                    }
                    var text = value.GetString()!.Trim();
                    if (text.Length > max)
                    {
                        errors.Add(new(field, $"\"{question.Text}\" takes at most {max} characters"));
                        return null;
                    }
                    return text.Length == 0 ? [] : [text];
                }
            case QuestionKind.Scale:
                {
                    if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number) || number is < 1 or > 5)
                    {
                        errors.Add(new(field, $"\"{question.Text}\" takes a whole number from 1 to 5"));
                        return null;
                    }
                    return [number.ToString(System.Globalization.CultureInfo.InvariantCulture)];
                }
            case QuestionKind.SingleChoice:
                {
                    if (value.ValueKind != JsonValueKind.String)
                    {
                        errors.Add(new(field, $"\"{question.Text}\" takes one of its options"));
                        return null;
                    }
                    var text = value.GetString()!.Trim();
                    if (text.Length == 0)
                    {
                        return [];
                    }
                    var option = question.Options.FirstOrDefault(o => string.Equals(o, text, StringComparison.OrdinalIgnoreCase));
                    if (option is null)
                    {
                        errors.Add(new(field, $"\"{text}\" is not an option of \"{question.Text}\""));
                        return null;
                    }
                    return [option];
                }
            default:
                {
                    if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
                    {
                        errors.Add(new(field, $"\"{question.Text}\" takes a list of its options"));
                        return null;
                    }
                    var chosen = new List<string>();
                    foreach (var text in value.EnumerateArray().Select(v => v.GetString()!.Trim()).Where(t => t.Length > 0))
                    {
                        var option = question.Options.FirstOrDefault(o => string.Equals(o, text, StringComparison.OrdinalIgnoreCase));
                        if (option is null)
                        {
                            errors.Add(new(field, $"\"{text}\" is not an option of \"{question.Text}\""));
                            return null;
                        }
                        if (!chosen.Contains(option))
                        {
                            chosen.Add(option);
                        }
                    }
                    return chosen;
                }
        }
    }
}

using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Features.Notifications;
using Mentoring.Features.Enrollments;
using Mentoring.Features.Mentorships;
using Mentoring.Features.Surveys;
using Mentoring.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Features.Programs;

/// <summary>
/// A program's life: draft, pilot (within a scope), evaluating (and back to pilot), active (expanded),
/// completed; each step recorded; success criteria and their measurement; the executive sponsor.
/// </summary>
public sealed class ProgramLifecycleService(MentoringDbContext db, IClock clock, CurrentPerson current, SurveysService surveys, Outbox outbox)
{
    private static readonly Dictionary<ProgramStatus, ProgramStatus[]> Steps = new()
    {
        [ProgramStatus.Draft] = [ProgramStatus.Pilot, ProgramStatus.Active, ProgramStatus.Archived],
        [ProgramStatus.Pilot] = [ProgramStatus.Evaluating, ProgramStatus.Active, ProgramStatus.Completed],
        [ProgramStatus.Evaluating] = [ProgramStatus.Pilot, ProgramStatus.Active, ProgramStatus.Completed],
        [ProgramStatus.Active] = [ProgramStatus.Completed],
        [ProgramStatus.Completed] = [ProgramStatus.Archived],
        [ProgramStatus.Archived] = [],
    };

    public static string Kebab(ProgramStatus status) => status switch
    {
        _ => status.ToString().ToLowerInvariant(),
    };

    public async Task<Outcome<LifecycleDto>> GetAsync(int id, CancellationToken cancellationToken)
    {
        var program = await LoadAsync(id, cancellationToken);
        return program is null ? Outcome.NotFound() : Dto(program);
    }

    private Task<MentoringProgram?> LoadAsync(int id, CancellationToken cancellationToken) =>
        db.Programs.Include(p => p.Sponsor).Include(p => p.Criteria).Include(p => p.Transitions).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);

    public static LifecycleDto Dto(MentoringProgram p, int withdrawn = 0) => new(
        p.Id, p.Name, p.Status, Scope(p), p.Sponsor is { } s ? new SponsorDto(s.Id, s.Name) : null, SurveysService.K(p), p.AutoSurveys,
        p.Criteria.OrderBy(c => c.Id).Select(c => new CriterionDto(c.Id, c.Text, c.Kind, c.Target)).ToList(),
        p.Transitions.OrderBy(t => t.At).ThenBy(t => t.Id).Select(Dto).ToList(), withdrawn);

    private static ScopeDto? Scope(MentoringProgram p) => p.PilotScopeKind is { } kind && p.PilotScopeValue is { } value ? new ScopeDto(kind, value) : null;

    private static TransitionDto Dto(ProgramTransition t) => new(t.From, t.To, t.By, t.At.ToDateTimeOffset(),
        t.ScopeKind is { } kind && t.ScopeValue is { } value ? new ScopeDto(kind, value) : null);

    /// <summary>Takes one step of the program's life; a pilot's start withdraws anyone enrolled outside its scope (their rows stay).</summary>
    public async Task<Outcome<LifecycleDto>> TransitionAsync(int id, TransitionInput input, CancellationToken cancellationToken)
    {
        var program = await LoadAsync(id, cancellationToken);
        if (program is null)
        {
            return Outcome.NotFound();
        }
        var stepped = await StepAsync(program, input, cancellationToken);
        if (!stepped.Succeeded)
        {
            return Outcome.Invalid(stepped.Errors);
        }
        await db.SaveChangesAsync(cancellationToken);
        return Dto(program, stepped.Value);
    }

    /// <summary>The next steps a program in this status may take, in the order the page offers them.</summary>
    public static IReadOnlyList<ProgramStatus> NextSteps(ProgramStatus from) => Steps[from];

    /// <summary>
    /// The one place a program's status changes: checks the step and its rules, applies it to the
    /// tracked <paramref name="program"/> and records who took it and when. The caller saves.
    /// Answers how many people outside a new pilot's scope were withdrawn.
    /// </summary>
    public async Task<Outcome<int>> StepAsync(MentoringProgram program, TransitionInput input, CancellationToken cancellationToken)
    {
        var id = program.Id;
        var to = Enum.GetValues<ProgramStatus>().Cast<ProgramStatus?>().FirstOrDefault(s => string.Equals(s.ToString(), input.To?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (to is not { } target)
        {
            return Outcome.Invalid("to", "the status is draft, pilot, evaluating, active, completed or archived");
        }
        var from = program.Status;
        if (!Steps[from].Contains(target))
        {
            var next = Steps[from].Select(Kebab).ToList();
            return Outcome.Invalid("to", $"a program that is {Kebab(from)} goes on to {(next.Count == 0 ? "nothing" : string.Join(" or ", next))}, not {Kebab(target)}");
        }
        if (input.Scope is not null && target != ProgramStatus.Pilot)
        {
            return Outcome.Invalid("scope", "only a pilot has a scope");
        }
        if (program.IsReverse && target is ProgramStatus.Active && from == ProgramStatus.Draft)
        {
            return Outcome.Invalid("to", "a reverse-mentoring program starts as a pilot");
        }
        if (program.IsReverse && target is ProgramStatus.Pilot or ProgramStatus.Active && program.SponsorId is null)
        {
            return Outcome.Invalid("to", "a reverse-mentoring program needs an executive sponsor first");
        }
        var criteria = Criteria(input.Criteria, out var criteriaErrors);
        if (criteriaErrors.Count > 0)
        {
            return Outcome.Invalid(criteriaErrors);
        }
        if (target == ProgramStatus.Pilot)
        {
            if (input.Scope is null && program.PilotScopeKind is null)
            {
                return Outcome.Invalid("scope", "a pilot needs a scope: a pair, a team, a department or an office");
            }
            if (input.Scope is not null)
            {
                var scope = await ResolveScopeAsync(input.Scope, cancellationToken);
                if (!scope.Succeeded)
                {
                    return Outcome.Invalid(scope.Errors);
                }
                (program.PilotScopeKind, program.PilotScopeValue) = scope.Value;
            }
        }
        else if (target == ProgramStatus.Active)
        {
            // Expanding: the scope goes, everything the pilot made (pairs, sessions, answers) stays.
            program.PilotScopeKind = null;
            program.PilotScopeValue = null;
        }
        var now = clock.GetCurrentInstant();
        program.Status = target;
        if (criteria is not null)
        {
            db.SuccessCriteria.RemoveRange(program.Criteria);
            program.Criteria.Clear();
            program.Criteria.AddRange(criteria);
        }
        program.Transitions.Add(new ProgramTransition
        {
            From = from, To = target, At = now, By = current.User.Identity?.Name ?? "unknown",
            ScopeKind = target == ProgramStatus.Pilot ? program.PilotScopeKind : null,
            ScopeValue = target == ProgramStatus.Pilot ? program.PilotScopeValue : null,
        });
        var withdrawn = 0;
        if (target == ProgramStatus.Pilot)
        {
            var inScope = db.People.InScopeOf(program).Select(p => p.Id);
            var outside = await db.Enrollments.Where(e => e.ProgramId == id && !inScope.Contains(e.PersonId)).ToListAsync(cancellationToken);
            foreach (var enrollment in outside)
            {
                enrollment.Status = EnrollmentStatus.Withdrawn;
                enrollment.WithdrawnAt = now;
                enrollment.WithdrawnBy = current.User.Identity?.Name;
            }
            withdrawn = outside.Count;
        }
        return withdrawn;
    }

    private async Task<Outcome<(ScopeKind, string)>> ResolveScopeAsync(ScopeInput scope, CancellationToken cancellationToken)
    {
        var kind = Enum.GetValues<ScopeKind>().Cast<ScopeKind?>().FirstOrDefault(k => string.Equals(k.ToString(), scope.Kind?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (kind is null)
        {
            return Outcome.Invalid("scope.kind", "the scope is a pair, a team, a department or an office");
        }
        var value = scope.Value?.Trim() ?? "";
        if (value.Length == 0)
        {
            return Outcome.Invalid("scope.value", kind switch
            {
                ScopeKind.Pair => "name the pair by their two HR ids",
                ScopeKind.Team => "name the team by its manager's HR id",
                ScopeKind.Department => "name the department",
                _ => "name the office",
            });
        }
        var active = db.People.AsNoTracking().Where(p => p.Active);
        switch (kind)
        {
            case ScopeKind.Department:
                var departments = await active.Where(p => p.Department != null).Select(p => p.Department!).Distinct().ToListAsync(cancellationToken);
                return departments.FirstOrDefault(d => string.Equals(d, value, StringComparison.OrdinalIgnoreCase)) is { } department
                    ? (ScopeKind.Department, department)
                    : Outcome.Invalid("scope.value", $"nobody on the roster is in a department called \"{value}\"");
            case ScopeKind.Office:
                var offices = await db.Offices.AsNoTracking().Select(o => o.Name).ToListAsync(cancellationToken);
                return offices.FirstOrDefault(o => string.Equals(o, value, StringComparison.OrdinalIgnoreCase)) is { } office
                    ? (ScopeKind.Office, office)
                    : Outcome.Invalid("scope.value", $"no office is called \"{value}\"");
            case ScopeKind.Team:
                return await active.AnyAsync(p => p.ExternalId == value, cancellationToken)
                    ? (ScopeKind.Team, value)
                    : Outcome.Invalid("scope.value", $"no active person has the HR id \"{value}\"");
            default:
                var ids = PilotScopes.PairIds(value);
                if (ids.Count != 2)
                {
                    return Outcome.Invalid("scope.value", "a pair is two HR ids, e.g. D1001:D1002");
                }
                var found = await active.CountAsync(p => ids.Contains(p.ExternalId), cancellationToken);
                return found == 2 ? (ScopeKind.Pair, string.Join(':', ids)) : Outcome.Invalid("scope.value", $"\"{value}\" is not two active people's HR ids");
        }
    }

    private static List<SuccessCriterion>? Criteria(List<CriterionInput>? input, out List<FieldError> errors)
    {
        errors = [];
        if (input is null)
        {
            return null;
        }
        var criteria = new List<SuccessCriterion>();
        for (var i = 0; i < input.Count; i++)
        {
            var c = input[i];
            var kind = Enum.GetValues<CriterionKind>().Cast<CriterionKind?>().FirstOrDefault(k =>
                string.Equals(Slug(k.ToString()!), c.Kind?.Trim(), StringComparison.OrdinalIgnoreCase) || string.Equals(k.ToString(), c.Kind?.Trim(), StringComparison.OrdinalIgnoreCase));
            if (string.IsNullOrWhiteSpace(c.Text) || c.Text.Trim().Length > 500)
            {
                errors.Add(new FieldError($"criteria[{i}].text", "say what success looks like, in up to 500 characters"));
            }
            if (kind is null)
            {
                errors.Add(new FieldError($"criteria[{i}].kind", "the measure is check-in-rate, mean-end-survey-score, response-rate or matched-rate"));
            }
            else if (c.Target is not { } target || (kind == CriterionKind.MeanEndSurveyScore ? target is < 1 or > 5 : target is < 0 or > 100))
            {
                errors.Add(new FieldError($"criteria[{i}].target", kind == CriterionKind.MeanEndSurveyScore ? "the target is a score from 1 to 5" : "the target is a percentage from 0 to 100"));
            }
            else
            {
                criteria.Add(new SuccessCriterion { Text = c.Text?.Trim() ?? "", Kind = kind.Value, Target = target });
            }
        }
        return criteria;
    }

    public static string Slug(string name) => string.Concat(name.Select((ch, i) => char.IsUpper(ch) && i > 0 ? "-" + char.ToLowerInvariant(ch) : char.ToLowerInvariant(ch).ToString()));

    public async Task<Outcome<LifecycleDto>> SetCriteriaAsync(int id, List<CriterionInput>? input, CancellationToken cancellationToken)
    {
        var program = await LoadAsync(id, cancellationToken);
        if (program is null)
        {
            return Outcome.NotFound();
        }
        var criteria = Criteria(input ?? [], out var errors);
        if (errors.Count > 0)
        {
            return Outcome.Invalid(errors);
        }
        db.SuccessCriteria.RemoveRange(program.Criteria);
        program.Criteria.Clear();
        program.Criteria.AddRange(criteria!);
        await db.SaveChangesAsync(cancellationToken);
        return Dto(program);
    }

    /// <summary>Names the executive sponsor: a person on the roster whose account has the sponsor role (null takes it away).</summary>
    public async Task<Outcome<LifecycleDto>> SetSponsorAsync(int id, SponsorInput input, CancellationToken cancellationToken)
    {
        var program = await LoadAsync(id, cancellationToken);
        if (program is null)
        {
            return Outcome.NotFound();
        }
        if (input.PersonId is { } personId)
        {
            var sponsorRole = db.Roles.Where(r => r.Name == Roles.Sponsor).Select(r => r.Id);
            var isSponsor = await db.Users.AnyAsync(u => u.PersonId == personId
                && db.UserRoles.Any(ur => ur.UserId == u.Id && sponsorRole.Contains(ur.RoleId)), cancellationToken);
            if (!isSponsor)
            {
                return Outcome.Invalid("personId", "the sponsor is a person whose account has the sponsor role");
            }
            program.SponsorId = personId;
            program.Sponsor = await db.People.FindAsync([personId], cancellationToken);
        }
        else
        {
            if (program.IsReverse && program.Status is ProgramStatus.Pilot or ProgramStatus.Evaluating or ProgramStatus.Active)
            {
                return Outcome.Invalid("personId", "a running reverse-mentoring program keeps its sponsor");
            }
            program.SponsorId = null;
            program.Sponsor = null;
        }
        await db.SaveChangesAsync(cancellationToken);
        return Dto(program);
    }

    public async Task<Outcome<LifecycleDto>> SetSurveySettingsAsync(int id, SurveySettingsInput input, CancellationToken cancellationToken)
    {
        var program = await LoadAsync(id, cancellationToken);
        if (program is null)
        {
            return Outcome.NotFound();
        }
        if (input.K is { } k)
        {
            if (k is < MentoringProgram.LowestSurveyMinimumGroup or > 1000)
            {
                return Outcome.Invalid("k", $"k is at least {MentoringProgram.LowestSurveyMinimumGroup}: smaller groups would show single people's answers");
            }
            program.SurveyMinimumGroup = k;
        }
        if (input.AutoSurveys is { } auto)
        {
            program.AutoSurveys = auto;
        }
        await db.SaveChangesAsync(cancellationToken);
        return Dto(program);
    }

    /// <summary>The program measured against its criteria, with its survey aggregates: for an admin or the program's sponsor.</summary>
    public async Task<Outcome<EvaluationDto>> EvaluateAsync(int id, CancellationToken cancellationToken)
    {
        var program = await db.Programs.AsNoTracking().Include(p => p.Sponsor).Include(p => p.Criteria).Include(p => p.Transitions)
            .SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (program is null || !await surveys.MayReadAggregatesAsync(id, cancellationToken))
        {
            return Outcome.NotFound();
        }
        var k = SurveysService.K(program);
        var enrolled = await db.Enrollments.AsNoTracking().Where(e => e.ProgramId == id).GroupBy(e => e.Role)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var pairs = db.Mentorships.AsNoTracking().Where(m => m.ProgramId == id && m.Status == MentorshipStatus.Active);
        var activePairs = await pairs.CountAsync(cancellationToken);

        var surveyRows = await db.Surveys.AsNoTracking().Include(s => s.Questions).Include(s => s.Program)
            .Where(s => s.ProgramId == id).OrderBy(s => s.CreatedAt).ThenBy(s => s.Id).ToListAsync(cancellationToken);
        var results = new List<SurveyResultsDto>();
        foreach (var survey in surveyRows)
        {
            results.Add(await surveys.ComputeAsync(survey, null, null, cancellationToken));
        }

        var measured = new List<CriterionResult>();
        foreach (var c in program.Criteria.OrderBy(c => c.Id))
        {
            double? value = null;
            string? note = null;
            switch (c.Kind)
            {
                case CriterionKind.CheckInRate:
                    (value, note) = await CheckInRateAsync(program, cancellationToken);
                    break;
                case CriterionKind.MatchedRate:
                    var mentees = enrolled.GetValueOrDefault(EnrollmentRole.Mentee);
                    var matched = await db.Enrollments.CountAsync(e => e.ProgramId == id && e.Role == EnrollmentRole.Mentee
                        && db.Mentorships.Any(m => m.ProgramId == id && m.MenteeId == e.PersonId && m.Status == MentorshipStatus.Active), cancellationToken);
                    (value, note) = mentees == 0 ? ((double?)null, "No mentees enrolled yet.") : (Math.Round(100.0 * matched / mentees, 1), $"{matched} of {mentees} mentees have a mentor.");
                    break;
                case CriterionKind.ResponseRate:
                    var sent = await db.SurveyDeliveries.Where(d => d.Survey!.ProgramId == id).Select(d => d.PersonId).Distinct().CountAsync(cancellationToken);
                    var answered = await db.SurveyResponses.Where(r => r.Survey!.ProgramId == id).Select(r => r.PersonId).Distinct().CountAsync(cancellationToken);
                    (value, note) = sent == 0 ? ((double?)null, "No survey has been sent yet.") : (Math.Round(100.0 * Math.Min(sent, answered) / sent, 1), $"{answered} of {sent} people answered a survey.");
                    break;
                default:
                    var end = surveyRows.Where(s => s.Template == SurveyTemplate.End).Select(s => s.Id).ToList();
                    var scale = surveyRows.SelectMany(s => s.Questions).Where(q => q.Kind == SurveyQuestionKind.Scale && end.Contains(q.SurveyId)).Select(q => q.Id).ToList();
                    var respondents = await db.SurveyResponses.CountAsync(r => end.Contains(r.SurveyId), cancellationToken);
                    if (end.Count == 0)
                    {
                        note = "No end survey yet.";
                    }
                    else if (respondents < k)
                    {
                        note = SurveyAggregation.TooFew(k);
                    }
                    else
                    {
                        var numbers = await db.SurveyAnswers.Where(a => scale.Contains(a.QuestionId) && a.Number != null).Select(a => a.Number!.Value).ToListAsync(cancellationToken);
                        (value, note) = numbers.Count == 0 ? ((double?)null, "Nobody answered the scale questions.") : (Math.Round(numbers.Average(), 2), $"Over {respondents} respondents.");
                    }
                    break;
            }
            measured.Add(new CriterionResult(c.Id, c.Text, c.Kind, c.Target, value, value is { } v ? v >= c.Target : null, note));
        }
        return new EvaluationDto(program.Id, program.Name, program.Purpose, program.Status, Scope(program),
            program.Sponsor is { } s ? new SponsorDto(s.Id, s.Name) : null, k,
            enrolled.GetValueOrDefault(EnrollmentRole.Mentor), enrolled.GetValueOrDefault(EnrollmentRole.Mentee), enrolled.GetValueOrDefault(EnrollmentRole.Participant),
            activePairs, measured, results, await SurveyComparison.CompareAsync(db, program, cancellationToken),
            program.Transitions.OrderBy(t => t.At).ThenBy(t => t.Id).Select(Dto).ToList());
    }

    /// <summary>
    /// The share of active pairs that check in as their plan asks, from the check-ins they logged: by
    /// the health rule (<see cref="MentorshipHealth.Judge"/>) a pair has no check-in missed past its grace
    /// days, and has logged as many as its cadence expected so far, less the one that may be due now.
    /// A logged "we did not meet" is not a check-in held; both people logging the same day count once.
    /// Pairs too young for a first check-in to be due are left out.
    /// </summary>
    private async Task<(double? Value, string Note)> CheckInRateAsync(MentoringProgram program, CancellationToken cancellationToken)
    {
        var mentorships = await db.Mentorships.AsNoTracking().Include(m => m.Mentee).ThenInclude(p => p!.Office)
            .Where(m => m.ProgramId == program.Id && m.Status == MentorshipStatus.Active).ToListAsync(cancellationToken);
        if (mentorships.Count == 0)
        {
            return (null, "No active pairs yet.");
        }
        var ids = mentorships.Select(m => m.Id).ToList();
        var cadences = (await db.MentorshipPlans.AsNoTracking().Where(p => p.MentorshipId != null && ids.Contains(p.MentorshipId.Value))
                .Select(p => new { MentorshipId = p.MentorshipId!.Value, p.Version, p.Cadence }).ToListAsync(cancellationToken))
            .GroupBy(p => p.MentorshipId).ToDictionary(g => g.Key, g => g.MaxBy(p => p.Version)!.Cadence);
        var held = (await db.CheckIns.AsNoTracking().Where(c => c.MentorshipId != null && ids.Contains(c.MentorshipId.Value) && c.Met)
                .Select(c => new { MentorshipId = c.MentorshipId!.Value, c.On }).ToListAsync(cancellationToken))
            .ToLookup(c => c.MentorshipId, c => c.On);
        int due = 0, onCadence = 0;
        foreach (var m in mentorships)
        {
            var zone = HealthQueries.ZoneOf(m.Mentee!);
            var today = clock.TodayIn(zone);
            var days = held[m.Id].Where(d => d <= today).Distinct().ToList();
            var facts = new PairFacts(Today.Of(m.CreatedAt, zone), today, cadences.GetValueOrDefault(m.Id, PlanCadence.Weekly), days, [], Goals: 1, NotAGoodFit: false);
            var verdict = MentorshipHealth.Judge(program.Health, facts);
            if (verdict.ExpectedCheckIns == 0)
            {
                continue;
            }
            due++;
            if (verdict.MissedPeriods == 0 && days.Count >= verdict.ExpectedCheckIns - 1)
            {
                onCadence++;
            }
        }
        var young = mentorships.Count - due;
        var youngNote = young == 0 ? "" : young == 1 ? " One pair is too new for a check-in to be due." : $" {young} pairs are too new for a check-in to be due.";
        return due == 0
            ? (null, "No pair has had a check-in due yet." + youngNote)
            : (Math.Round(100.0 * onCadence / due, 1), $"{onCadence} of {due} pairs check in as their plan asks." + youngNote);
    }

    /// <summary>The sponsor writes to everyone enrolled, through the outbox; only the program's own sponsor may.</summary>
    public async Task<Outcome<SponsorMessageResult>> SponsorMessageAsync(int id, SponsorMessageInput input, CancellationToken cancellationToken)
    {
        var program = await db.Programs.AsNoTracking().Include(p => p.Sponsor).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        var me = await current.IdAsync(cancellationToken);
        if (program is null || program.SponsorId is null || me != program.SponsorId)
        {
            return Outcome.NotFound();
        }
        var errors = new List<FieldError>();
        var subject = input.Subject?.Trim() ?? "";
        var body = input.Body?.Trim() ?? "";
        if (subject.Length is 0 or > 200)
        {
            errors.Add(new FieldError("subject", "a subject of up to 200 characters"));
        }
        if (body.Length is 0 or > 8000)
        {
            errors.Add(new FieldError("body", "a message of up to 8000 characters"));
        }
        if (errors.Count > 0)
        {
            return Outcome.Invalid(errors);
        }
        var now = clock.GetCurrentInstant();
        var recipients = await db.Enrollments.AsNoTracking().Where(e => e.ProgramId == id && e.Person!.Active && e.Person.Email != null)
            .Select(e => e.Person!).ToListAsync(cancellationToken);
        recipients = recipients.DistinctBy(p => p.Id).ToList();
        foreach (var person in recipients)
        {
            await outbox.EnqueueAsync(person, "sponsor-message", new Dictionary<string, object?>
            {
                ["subject"] = subject,
                ["body"] = body,
                ["sponsor"] = program.Sponsor!.Name,
            }, Categories.General, timeBound: false, new MessageOptions { ProgramId = id }, cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        return new SponsorMessageResult(recipients.Count);
    }
}

using System.Globalization;
using System.Text.Json;
using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Features.Notifications;
using Mentoring.Features.Accounts;
using Mentoring.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Mentoring.Features.Surveys;

/// <summary>The surveys settings (<c>Surveys:*</c>).</summary>
public sealed class SurveysOptions
{
    /// <summary>Days after a survey went out before the one reminder to those who have not answered.</summary>
    public int ReminderDays { get; set; } = 3;
}

/// <summary>
/// Surveys from templates, sending them, answering them and their aggregates. Nothing here returns one
/// person's answers to anyone but that person.
/// </summary>
public sealed class SurveysService(
    MentoringDbContext db, IClock clock, CurrentPerson current, IOptions<AccountsOptions> accounts, IOptions<SurveysOptions> options, Outbox outbox)
{
    public async Task<Outcome<Survey>> CreateAsync(int programId, SurveyInput input, CancellationToken cancellationToken)
    {
        if (!await db.Programs.AnyAsync(p => p.Id == programId, cancellationToken))
        {
            return Outcome.NotFound();
        }
        if (ParseTemplate(input.Template) is not { } template)
        {
            return Outcome.Invalid("template", "the template is start, middle, end or session");
        }
        var title = string.IsNullOrWhiteSpace(input.Title) ? QuestionBank.Title(template) : input.Title.Trim();
        if (title.Length > 200)
        {
            return Outcome.Invalid("title", "the title is at most 200 characters");
        }
        var survey = new Survey
        {
            ProgramId = programId, Template = template, Title = title, CreatedAt = clock.GetCurrentInstant(),
            Questions = QuestionBank.Questions(template),
        };
        db.Surveys.Add(survey);
        await db.SaveChangesAsync(cancellationToken);
        return survey;
    }

    public static SurveyTemplate? ParseTemplate(string? text) =>
        Enum.GetValues<SurveyTemplate>().Cast<SurveyTemplate?>()
            .FirstOrDefault(t => string.Equals(t.ToString(), text?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>A survey and its questions; any signed-in person may read the questions (never the answers).</summary>
    public async Task<SurveyDto?> GetAsync(int id, CancellationToken cancellationToken)
    {
        var survey = await db.Surveys.AsNoTracking().Include(s => s.Questions).Include(s => s.Program).SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (survey is null)
        {
            return null;
        }
        var sent = await db.SurveyDeliveries.CountAsync(d => d.SurveyId == id, cancellationToken);
        var answered = await db.SurveyResponses.CountAsync(r => r.SurveyId == id, cancellationToken);
        return SurveyDto.From(survey, survey.Program!.Name, sent, answered);
    }

    public async Task<IReadOnlyList<SurveyDto>> ListAsync(int programId, CancellationToken cancellationToken)
    {
        var surveys = await db.Surveys.AsNoTracking().Include(s => s.Questions).Include(s => s.Program)
            .Where(s => s.ProgramId == programId).OrderBy(s => s.CreatedAt).ThenBy(s => s.Id).ToListAsync(cancellationToken);
        var ids = surveys.Select(s => s.Id).ToList();
        var sent = await db.SurveyDeliveries.Where(d => ids.Contains(d.SurveyId)).GroupBy(d => d.SurveyId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var answered = await db.SurveyResponses.Where(r => ids.Contains(r.SurveyId)).GroupBy(r => r.SurveyId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return surveys.Select(s => SurveyDto.From(s, s.Program!.Name, sent.GetValueOrDefault(s.Id), answered.GetValueOrDefault(s.Id))).ToList();
    }

    /// <summary>Sends a survey by hand to everyone enrolled who has not had it yet.</summary>
    public async Task<Outcome<SendResult>> SendAsync(int id, string? siteUrl, CancellationToken cancellationToken)
    {
        var survey = await db.Surveys.AsNoTracking().Include(s => s.Program).SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (survey is null)
        {
            return Outcome.NotFound();
        }
        return await DeliverAsync(survey, siteUrl, cancellationToken);
    }

    /// <summary>
    /// One delivery and one e-mail per enrolled person, once: the unique delivery row is the guard, so a
    /// second send, a restart or a second instance sends nobody the same survey twice.
    /// </summary>
    public async Task<SendResult> DeliverAsync(Survey survey, string? siteUrl, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var link = $"{SiteUrl(siteUrl)}/Surveys/{survey.Id}/Answer";
                var people = await db.Enrollments.AsNoTracking().Where(e => e.ProgramId == survey.ProgramId && e.Person!.Active)
            .Select(e => new { e.PersonId, e.Person }).ToListAsync(cancellationToken);
        var already = (await db.SurveyDeliveries.Where(d => d.SurveyId == survey.Id).Select(d => d.PersonId).ToListAsync(cancellationToken)).ToHashSet();
        var fresh = people.Where(p => !already.Contains(p.PersonId)).ToList();
        var sent = 0;
        foreach (var person in fresh)
        {
            db.SurveyDeliveries.Add(new SurveyDelivery { SurveyId = survey.Id, PersonId = person.PersonId, SentAt = now });
            if (!string.IsNullOrWhiteSpace(person.Person!.Email))
            {
                await outbox.EnqueueAsync(person.Person, "survey-invitation", new Dictionary<string, object?>
                {
                    ["survey"] = survey.Title,
                    ["link"] = link,
                    ["k"] = Math.Max(MentoringProgram.LowestSurveyMinimumGroup, survey.Program?.SurveyMinimumGroup ?? MentoringProgram.DefaultSurveyMinimumGroup),
                }, Categories.Surveys, timeBound: false, new MessageOptions { ProgramId = survey.ProgramId, DedupKey = $"survey:{survey.Id}:{person.PersonId}" }, cancellationToken);
            }
            try
            {
                // One person at a time: another instance sending the same survey makes only this row fail.
                await db.SaveChangesAsync(cancellationToken);
                sent++;
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
            }
        }
        if (survey.SentAt is null)
        {
            await db.Surveys.Where(s => s.Id == survey.Id && s.SentAt == null).ExecuteUpdateAsync(s => s.SetProperty(x => x.SentAt, now), cancellationToken);
        }
        // A stage's survey sent by hand stands for that stage: the program does not send another by itself.
        if (survey.Template != SurveyTemplate.Session && survey.AutoStage is null
            && !await db.Surveys.AnyAsync(s => s.ProgramId == survey.ProgramId && s.AutoStage == survey.Template, cancellationToken))
        {
            try
            {
                await db.Surveys.Where(s => s.Id == survey.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.AutoStage, survey.Template), cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another survey took the stage at the same moment: it stands for it.
            }
        }
        return new SendResult(sent, people.Count - fresh.Count + (fresh.Count - sent));
    }

    /// <summary>One reminder to each person who was sent a survey a few days ago and has not answered it.</summary>
    public async Task<int> RemindAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var due = now - Duration.FromDays(Math.Max(1, options.Value.ReminderDays));
        var pending = await db.SurveyDeliveries.AsNoTracking()
            .Where(d => d.RemindedAt == null && d.SentAt <= due
                && !db.SurveyResponses.Any(r => r.SurveyId == d.SurveyId && r.PersonId == d.PersonId))
            .Select(d => new { d.Id, d.SurveyId, d.Survey!.Title, d.Survey.ProgramId, Person = db.People.First(p => p.Id == d.PersonId) })
            .Take(1000).ToListAsync(cancellationToken);
        var reminded = 0;
        foreach (var d in pending)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // Claimed by the update: of two instances, only the one that changed the row sends the reminder.
            var claimed = await db.SurveyDeliveries.Where(x => x.Id == d.Id && x.RemindedAt == null)
                .ExecuteUpdateAsync(x => x.SetProperty(y => y.RemindedAt, now), cancellationToken);
            if (claimed == 1 && !string.IsNullOrWhiteSpace(d.Person.Email))
            {
                await outbox.EnqueueAsync(d.Person, "survey-reminder", new Dictionary<string, object?>
                {
                    ["survey"] = d.Title,
                    ["link"] = $"{SiteUrl(null)}/Surveys/{d.SurveyId}/Answer",
                }, Categories.Surveys, timeBound: false, new MessageOptions { ProgramId = d.ProgramId, DedupKey = $"survey-reminder:{d.SurveyId}:{d.Person.Id}" }, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                reminded++;
            }
            await transaction.CommitAsync(cancellationToken);
        }
        return reminded;
    }

    private string SiteUrl(string? requestUrl) =>
        (!string.IsNullOrWhiteSpace(accounts.Value.PublicUrl) ? accounts.Value.PublicUrl : requestUrl ?? MentoringWebApp.DefaultUrl).TrimEnd('/');

    /// <summary>Whether the caller may answer: they were sent the survey, or are enrolled in its program.</summary>
    public async Task<bool> MayAnswerAsync(int surveyId, int programId, int personId, CancellationToken cancellationToken) =>
        await db.SurveyDeliveries.AnyAsync(d => d.SurveyId == surveyId && d.PersonId == personId, cancellationToken)
        || await db.Enrollments.AnyAsync(e => e.ProgramId == programId && e.PersonId == personId, cancellationToken);

    /// <summary>The caller answers a survey; a second answer replaces the first.</summary>
    public async Task<Outcome<MyResponseDto>> RespondAsync(int surveyId, ResponseInput input, CancellationToken cancellationToken)
    {
        var survey = await db.Surveys.AsNoTracking().Include(s => s.Questions).SingleOrDefaultAsync(s => s.Id == surveyId, cancellationToken);
        if (survey is null || await current.IdAsync(cancellationToken) is not { } personId)
        {
            return Outcome.NotFound();
        }
        var errors = new List<FieldError>();
        var answers = new List<SurveyAnswer>();
        var given = input.Answers ?? [];
        if (given.Count == 0)
        {
            errors.Add(new FieldError("answers", "give at least one answer"));
        }
        var seen = new HashSet<int>();
        for (var i = 0; i < given.Count; i++)
        {
            var a = given[i];
            var question = survey.Questions.SingleOrDefault(q => q.Id == a.QuestionId);
            if (question is null)
            {
                errors.Add(new FieldError($"answers[{i}].questionId", $"question {a.QuestionId} is not in this survey"));
                continue;
            }
            if (!seen.Add(question.Id))
            {
                errors.Add(new FieldError($"answers[{i}].questionId", $"question {question.Id} is answered twice"));
                continue;
            }
            if (Parse(question, a.Value, out var message) is { } answer)
            {
                answers.Add(answer);
            }
            else if (message is not null)
            {
                errors.Add(new FieldError($"answers[{i}].value", $"question {question.Id} (\"{question.Text}\") {message}"));
            }
        }
        if (errors.Count == 0 && answers.Count == 0)
        {
            errors.Add(new FieldError("answers", "every answer was empty"));
        }
        if (errors.Count > 0)
        {
            return Outcome.Invalid(errors);
        }
        var role = await db.Enrollments.IgnoreQueryFilters([EnrollmentFilter.ActiveOnly])
            .Where(e => e.ProgramId == survey.ProgramId && e.PersonId == personId).Select(e => (EnrollmentRole?)e.Role).FirstOrDefaultAsync(cancellationToken);
        var response = await db.SurveyResponses.Include(r => r.Answers).SingleOrDefaultAsync(r => r.SurveyId == surveyId && r.PersonId == personId, cancellationToken);
        if (response is null)
        {
            response = new SurveyResponse { SurveyId = surveyId, PersonId = personId };
            db.SurveyResponses.Add(response);
        }
        else
        {
            db.SurveyAnswers.RemoveRange(response.Answers);
            response.Answers.Clear();
        }
        response.Role = role ?? EnrollmentRole.Participant;
        response.SubmittedAt = clock.GetCurrentInstant();
        response.Answers.AddRange(answers);
        await db.SaveChangesAsync(cancellationToken);
        return Mine(response);
    }

    private static SurveyAnswer? Parse(SurveyQuestion question, JsonElement value, out string? message)
    {
        message = null;
        if (value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return null; // Skipped.
        }
        switch (question.Kind)
        {
            case SurveyQuestionKind.Scale or SurveyQuestionKind.Nps:
                var (min, max) = question.Range!.Value;
                if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n >= min && n <= max)
                {
                    return new SurveyAnswer { QuestionId = question.Id, Number = n };
                }
                message = $"takes a whole number from {min} to {max}";
                return null;
            case SurveyQuestionKind.Choice:
                if (value.ValueKind == JsonValueKind.String && question.Options.FirstOrDefault(o => string.Equals(o, value.GetString()?.Trim(), StringComparison.OrdinalIgnoreCase)) is { } option)
                {
                    return new SurveyAnswer { QuestionId = question.Id, Text = option };
                }
                message = $"takes one of: {string.Join(", ", question.Options)}";
                return null;
            case SurveyQuestionKind.Multi:
                if (value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String))
                {
                    var chosen = new List<string>();
                    foreach (var text in value.EnumerateArray().Select(e => e.GetString()!.Trim()))
                    {
                        if (question.Options.FirstOrDefault(o => string.Equals(o, text, StringComparison.OrdinalIgnoreCase)) is not { } known)
                        {
                            message = $"has no option \"{text}\" (it takes any of: {string.Join(", ", question.Options)})";
                            return null;
                        }
                        if (!chosen.Contains(known))
                        {
                            chosen.Add(known);
                        }
                    }
                    return new SurveyAnswer { QuestionId = question.Id, Choices = chosen };
                }
                message = "takes a list of options";
                return null;
            default:
                if (value.ValueKind != JsonValueKind.String)
                {
                    message = "takes text";
                    return null;
                }
                var written = value.GetString()!.Trim();
                if (written.Length > 4000)
                {
                    message = "takes at most 4000 characters";
                    return null;
                }
                return written.Length == 0 ? null : new SurveyAnswer { QuestionId = question.Id, Text = written };
        }
    }

    /// <summary>The caller's own response, for them alone.</summary>
    public async Task<MyResponseDto?> MineAsync(int surveyId, CancellationToken cancellationToken)
    {
        if (await current.IdAsync(cancellationToken) is not { } personId)
        {
            return null;
        }
        var response = await db.SurveyResponses.AsNoTracking().Include(r => r.Answers)
            .SingleOrDefaultAsync(r => r.SurveyId == surveyId && r.PersonId == personId, cancellationToken);
        return response is null ? null : Mine(response);
    }

    private static MyResponseDto Mine(SurveyResponse r) => new(r.SurveyId, r.SubmittedAt.ToDateTimeOffset(),
        r.Answers.Select(a => new MyAnswerDto(a.QuestionId, a.Number, a.Text, a.Choices.Count > 0 ? a.Choices : null)).ToList());

    /// <summary>The surveys the caller was sent or may answer (sent surveys of their programs), newest first.</summary>
    public async Task<IReadOnlyList<MySurveyDto>> MySurveysAsync(CancellationToken cancellationToken)
    {
        if (await current.IdAsync(cancellationToken) is not { } personId)
        {
            return [];
        }
        // Both halves as IN lists from the person's own rows (their indexes), so no survey is scanned.
        var programs = db.Enrollments.Where(e => e.PersonId == personId).Select(e => e.ProgramId);
        var delivered = db.SurveyDeliveries.Where(d => d.PersonId == personId).Select(d => d.SurveyId);
        var surveys = await db.Surveys.AsNoTracking()
            .Where(s => delivered.Contains(s.Id) || (s.SentAt != null && programs.Contains(s.ProgramId)))
            .Select(s => new { s.Id, s.ProgramId, Program = s.Program!.Name, s.Title, s.Template, s.SentAt, s.CreatedAt,
                Answered = db.SurveyResponses.Any(r => r.SurveyId == s.Id && r.PersonId == personId) })
            .ToListAsync(cancellationToken);
        return surveys.OrderByDescending(s => s.SentAt ?? s.CreatedAt)
            .Select(s => new MySurveyDto(s.Id, s.ProgramId, s.Program, s.Title, s.Template, s.SentAt?.ToDateTimeOffset(), s.Answered)).ToList();
    }

    /// <summary>Whether the caller may read a program's aggregates: an admin, or the program's sponsor.</summary>
    public async Task<bool> MayReadAggregatesAsync(int programId, CancellationToken cancellationToken)
    {
        if (current.IsAdmin)
        {
            return true;
        }
        if (!current.IsInRole(Roles.Sponsor) || await current.IdAsync(cancellationToken) is not { } personId)
        {
            return false;
        }
        return await db.Programs.AnyAsync(p => p.Id == programId && p.SponsorId == personId, cancellationToken);
    }

    public static Breakdown? ParseBreakdown(string? by) =>
        Enum.GetValues<Breakdown>().Cast<Breakdown?>().FirstOrDefault(b => string.Equals(b.ToString(), by?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The aggregates of a survey, for an admin or the program's sponsor; not found for anyone else.</summary>
    public async Task<Outcome<SurveyResultsDto>> ResultsAsync(int surveyId, string? by, CancellationToken cancellationToken)
    {
        var survey = await db.Surveys.AsNoTracking().Include(s => s.Questions).Include(s => s.Program).SingleOrDefaultAsync(s => s.Id == surveyId, cancellationToken);
        if (survey is null || !await MayReadAggregatesAsync(survey.ProgramId, cancellationToken))
        {
            return Outcome.NotFound();
        }
        Breakdown? breakdown = null;
        if (!string.IsNullOrWhiteSpace(by))
        {
            breakdown = ParseBreakdown(by);
            if (breakdown is null)
            {
                return Outcome.Invalid("by", "results break down by role, office, department or level");
            }
        }
        return await ComputeAsync(survey, breakdown, null, cancellationToken);
    }

    /// <summary>The aggregates over the given respondents only (all of them when null).</summary>
    public async Task<SurveyResultsDto> ComputeAsync(Survey survey, Breakdown? by, IReadOnlySet<int>? only, CancellationToken cancellationToken)
    {
        var responses = await db.SurveyResponses.AsNoTracking().Include(r => r.Answers).Include(r => r.Person).ThenInclude(p => p!.Office)
            .Where(r => r.SurveyId == survey.Id).ToListAsync(cancellationToken);
        var respondents = responses.Where(r => only is null || only.Contains(r.PersonId))
            .Select(r => new Respondent(by is { } b ? SurveyAggregation.GroupOf(b, r.Role, r.Person!) : "", r.Answers.ToDictionary(a => a.QuestionId)))
            .ToList();
        return SurveyAggregation.Compute(survey, K(survey.Program!), by, respondents, Random.Shared);
    }

    public static int K(MentoringProgram program) => Math.Max(MentoringProgram.LowestSurveyMinimumGroup, program.SurveyMinimumGroup);

    /// <summary>CSV of the aggregates only: per group and question, the respondents, the mean and the count of each value.</summary>
    public static string Csv(SurveyResultsDto results)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvHelper.CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            foreach (var header in (string[])["group", "respondents", "question", "kind", "answered", "mean", "value", "count"])
            {
                csv.WriteField(header);
            }
            csv.NextRecord();
            void Rows(string group, int? respondents, IReadOnlyList<QuestionResult> questions)
            {
                foreach (var q in questions.Where(q => !q.Hidden && q.Kind != SurveyQuestionKind.Text))
                {
                    foreach (var (value, count) in q.Counts)
                    {
                        csv.WriteField(People.RosterColumns.Neutralize(group));
                        csv.WriteField(respondents);
                        csv.WriteField(People.RosterColumns.Neutralize(q.Text));
                        csv.WriteField(q.Kind.ToString().ToLowerInvariant());
                        csv.WriteField(q.Answered);
                        csv.WriteField(q.Mean?.ToString(CultureInfo.InvariantCulture) ?? "");
                        csv.WriteField(People.RosterColumns.Neutralize(value));
                        csv.WriteField(count);
                        csv.NextRecord();
                    }
                }
            }
            if (!results.Hidden)
            {
                Rows("all", results.Respondents, results.Questions);
                foreach (var g in results.Groups.Where(g => !g.Hidden))
                {
                    Rows(g.Value, g.Respondents, g.Questions);
                }
            }
        }
        return writer.ToString();
    }
}

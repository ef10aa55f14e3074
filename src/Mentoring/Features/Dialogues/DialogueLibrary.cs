using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Features.Dialogues;

public sealed record DialogueDto(
    int Id, string Title, string Summary, string Prompts, DialogueStage Stage, int? TimerMinutes, bool ReverseMentoring, bool Retired)
{
    public static DialogueDto From(DiscussionGuide g) => new(g.Id, g.Title, g.Summary, g.Prompts, g.Stage, g.TimerMinutes, g.ReverseMentoring, g.Retired);
}

public sealed record DialogueInput
{
    public string? Title { get; init; }

    public string? Summary { get; init; }

    public string? Prompts { get; init; }

    public DialogueStage? Stage { get; init; }

    public int? TimerMinutes { get; init; }

    public bool ReverseMentoring { get; init; }

    public bool Retired { get; init; }
}

/// <summary>
/// The library of guided dialogues and discussion guides: the admin edits, adds and retires them;
/// participants read the ones in use; a mentorship's space asks for the ones that suit its stage.
/// </summary>
public sealed class DialogueLibrary(MentoringDbContext db, IClock clock)
{
    public const int MaxTimerMinutes = 60;

    /// <summary>The guides in use (and, for the admin, the retired ones too), by stage then title.</summary>
    public async Task<List<DiscussionGuide>> ListAsync(bool includeRetired, DialogueStage? stage, CancellationToken cancellationToken)
    {
        var query = db.DiscussionGuides.AsNoTracking().Where(g => includeRetired || !g.Retired);
        if (stage is { } s)
        {
            query = query.Where(g => g.Stage == s || g.Stage == DialogueStage.Any);
        }
        return (await query.ToListAsync(cancellationToken)).OrderBy(g => g.Retired).ThenBy(g => g.Stage).ThenBy(g => g.Title, StringComparer.CurrentCulture).ToList();
    }

    /// <summary>
    /// The guides to suggest to a pair or cohort at this stage: those written for it first, then the
    /// ones for any time; retired ones never.
    /// </summary>
    public async Task<IReadOnlyList<DiscussionGuide>> SuggestFor(DialogueStage stage, CancellationToken cancellationToken = default) =>
        (await ListAsync(includeRetired: false, stage, cancellationToken)).OrderBy(g => g.Stage == stage ? 0 : 1).ThenBy(g => g.Title, StringComparer.CurrentCulture).ToList();

    public async Task<DiscussionGuide?> FindAsync(int id, bool includeRetired, CancellationToken cancellationToken) =>
        await db.DiscussionGuides.AsNoTracking().SingleOrDefaultAsync(g => g.Id == id && (includeRetired || !g.Retired), cancellationToken);

    public async Task<Outcome<DiscussionGuide>> SaveAsync(int? id, DialogueInput input, CancellationToken cancellationToken)
    {
        DiscussionGuide? guide = null;
        if (id is { } existing && (guide = await db.DiscussionGuides.SingleOrDefaultAsync(g => g.Id == existing, cancellationToken)) is null)
        {
            return Outcome.NotFound();
        }
        var errors = new List<FieldError>();
        var title = input.Title?.Trim() ?? "";
        if (title.Length == 0)
        {
            errors.Add(new("title", "is required"));
        }
        else if (FieldRules.Check(title, 200) is { } reason)
        {
            errors.Add(new("title", reason));
        }
        else if (await db.DiscussionGuides.AnyAsync(g => g.Title == title && g.Id != (id ?? 0), cancellationToken))
        {
            errors.Add(new("title", "is the title of another guide in the library"));
        }
        if (FieldRules.Check(input.Summary?.Trim(), 500) is { } summary)
        {
            errors.Add(new("summary", summary));
        }
        if (string.IsNullOrWhiteSpace(input.Prompts))
        {
            errors.Add(new("prompts", "is required: the steps or questions of the dialogue"));
        }
        else if (FieldRules.Check(input.Prompts.Trim(), 4000, multiLine: true) is { } prompts)
        {
            errors.Add(new("prompts", prompts));
        }
        if (input.Stage is null)
        {
            errors.Add(new("stage", "is required: first-weeks, middle, end or any"));
        }
        if (input.TimerMinutes is { } minutes && minutes is < 1 or > MaxTimerMinutes)
        {
            errors.Add(new("timerMinutes", $"must be from 1 to {MaxTimerMinutes} minutes, or left out for no timer"));
        }
        if (errors.Count > 0)
        {
            return Outcome.Invalid(errors);
        }
        var now = clock.GetCurrentInstant();
        if (guide is null)
        {
            guide = new DiscussionGuide { Title = title, CreatedAt = now };
            db.DiscussionGuides.Add(guide);
        }
        guide.Title = title;
        guide.Summary = input.Summary?.Trim() ?? "";
        guide.Prompts = input.Prompts!.Trim();
        guide.Stage = input.Stage!.Value;
        guide.TimerMinutes = input.TimerMinutes;
        guide.ReverseMentoring = input.ReverseMentoring;
        guide.Retired = input.Retired;
        guide.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return guide;
    }

    /// <summary>Retires a guide (or brings it back): it stays in the library for the admin, out of participants' sight.</summary>
    public async Task<Outcome<DiscussionGuide>> RetireAsync(int id, bool retired, CancellationToken cancellationToken)
    {
        var guide = await db.DiscussionGuides.SingleOrDefaultAsync(g => g.Id == id, cancellationToken);
        if (guide is null)
        {
            return Outcome.NotFound();
        }
        guide.Retired = retired;
        guide.UpdatedAt = clock.GetCurrentInstant();
        await db.SaveChangesAsync(cancellationToken);
        return guide;
    }

    /// <summary>Puts the starting library in an empty one; a library the admin already keeps is left alone.</summary>
    public async Task<int> SeedDefaultsAsync(CancellationToken cancellationToken)
    {
        if (await db.DiscussionGuides.AnyAsync(cancellationToken))
        {
            return 0;
        }
        var now = clock.GetCurrentInstant();
        foreach (var guide in Defaults)
        {
            db.DiscussionGuides.Add(new DiscussionGuide
            {
                Title = guide.Title, Summary = guide.Summary, Prompts = guide.Prompts, Stage = guide.Stage, TimerMinutes = guide.TimerMinutes,
                ReverseMentoring = guide.ReverseMentoring, CreatedAt = now, UpdatedAt = now,
            });
        }
        await db.SaveChangesAsync(cancellationToken);
        return Defaults.Count;
    }

    /// <summary>The library a program starts with.</summary>
    public static IReadOnlyList<DialogueDto> Defaults { get; } =
    [
        new(0, "The three-minute life story",
            "Each of you tells the story of your life in three minutes, then the other asks one question. A quick way to know the person, not only the job title.",
            "Decide who goes first.\nStart the timer: three minutes to tell your life story, from where you grew up to where you are now.\n"
            + "The listener does not interrupt; they note what surprised them.\nWhen the time is up, the listener asks one question about the story.\n"
            + "Swap and start the timer again.\nClose by naming one thing you have in common.",
            DialogueStage.FirstWeeks, 3, false, false),
        new(0, "Values and motivations",
            "What matters to each of you at work and why: it tells the mentor what kind of advice will land.",
            "Pick three values from the company's list that matter most to you, and say why.\nWhen did you last feel proud of your work? What made it so?\n"
            + "What drains your energy at work?\nWhat would you like people to say about you in five years?\nMentor: which of these do you recognise from your own career?",
            DialogueStage.FirstWeeks, null, false, false),
        new(0, "Where we started, how far we've come, where we're going",
            "A review of the goals in three parts, at the middle and at the end of the mentorship: one story both can tell.",
            "Where we started: what did the mentee want when we first met? What was hard then?\n"
            + "How far we've come: what changed? Name one thing that is easier now and one piece of evidence.\n"
            + "Where we're going: what is the next goal, and what will the mentee do before the next meeting?\nWrite the three answers down together.",
            DialogueStage.Middle, null, false, false),
        new(0, "Closing the mentorship",
            "The last conversation: what was achieved, what carries on without the other, and a thank-you.",
            "Read the first goals again. Which were met?\nWhat will the mentee keep doing on their own?\nWhat did the mentor learn?\n"
            + "Agree how (and whether) you stay in touch.",
            DialogueStage.End, null, false, false),
        new(0, "Reverse mentoring: how new hires see the company",
            "For a junior mentoring an executive: the company as it looks from the first year, without filters.",
            "Junior: tell the story of your first week here. What worked, what confused you?\n"
            + "Which tool or habit do people your age use that leadership rarely sees?\nWhat would make you stay here five more years?\n"
            + "Executive: what surprised you? What will you try before the next meeting?",
            DialogueStage.Any, null, true, false),
        new(0, "Reverse mentoring: customers and technology",
            "For a junior mentoring an executive: how customers and colleagues use technology today.",
            "Junior: show one product or app our customers use daily and why they like it.\n"
            + "Executive: try it in the meeting, with the junior guiding you.\nTogether: where does our own product fall short of it?\n"
            + "Executive: one decision this could change.",
            DialogueStage.Any, null, true, false),
    ];
}

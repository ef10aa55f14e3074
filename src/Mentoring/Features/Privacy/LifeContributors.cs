using System.Globalization;
using Mentoring.Data;
using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Mentoring.Features.Privacy;

/// <summary>
/// The pair's space: the person's own notes and reflections (private ones included: they are
/// theirs), their check-ins, fit answers, ratings, goals they set and action items they own. The
/// other person's private texts never come out; the shared ones they wrote stay theirs on erasure.
/// </summary>
public sealed class PairSpaceContributor(MentoringDbContext db) : IPersonalDataContributor
{
    public async Task ExportAsync(int personId, PersonalDataExport export, CancellationToken cancellationToken)
    {
        export.Add("notes", await db.MentorshipNotes.AsNoTracking().Where(n => n.AuthorId == personId).OrderBy(n => n.Id)
            .Select(n => new { n.MentorshipId, n.SessionId, n.Text, n.Visibility, n.CreatedAt }).ToListAsync(cancellationToken));
        export.Add("reflections", await db.Reflections.AsNoTracking().Where(r => r.AuthorId == personId).OrderBy(r => r.Id)
            .Select(r => new { r.MentorshipId, r.Stage, r.Text, r.Visibility, r.CreatedAt }).ToListAsync(cancellationToken));
        export.Add("checkIns", await db.CheckIns.AsNoTracking().Where(c => c.AuthorId == personId).OrderBy(c => c.Id)
            .Select(c => new { c.MentorshipId, c.On, c.Met, c.Rating, c.Note, c.CreatedAt }).ToListAsync(cancellationToken));
        export.Add("fitAnswers", await db.FitAnswers.AsNoTracking().Where(f => f.PersonId == personId).OrderBy(f => f.Id)
            .Select(f => new { f.MentorshipId, f.Answer, f.Comment, f.At }).ToListAsync(cancellationToken));
        export.Add("sessionRatings", await db.SessionRatings.AsNoTracking().Where(r => r.PersonId == personId).OrderBy(r => r.Id)
            .Select(r => new { r.SessionId, r.Rating, r.At }).ToListAsync(cancellationToken));
        export.Add("goals", await db.Goals.AsNoTracking().Where(g => g.CreatedById == personId).OrderBy(g => g.Id)
            .Select(g => new { g.MentorshipId, g.Title, g.Why, g.Measure, g.TargetDate, g.Status, g.Progress, g.CreatedAt, g.CompletedAt }).ToListAsync(cancellationToken));
        export.Add("actionItems", await db.ActionItems.AsNoTracking().Where(a => a.OwnerId == personId).OrderBy(a => a.Id)
            .Select(a => new { a.MentorshipId, a.Text, a.DueDate, a.DoneAt }).ToListAsync(cancellationToken));
    }

    public async Task EraseAsync(PersonErasure erasure, CancellationToken cancellationToken)
    {
        var id = erasure.PersonId;
        // Their notes and reflections go entirely; the check-ins, answers and goals stay (the
        // program's figures count them) without their words.
        foreach (var n in await db.MentorshipNotes.Where(n => n.AuthorId == id).ToListAsync(cancellationToken))
        {
            erasure.Forget(n.Text);
            db.MentorshipNotes.Remove(n);
        }
        foreach (var r in await db.Reflections.Where(r => r.AuthorId == id).ToListAsync(cancellationToken))
        {
            erasure.Forget(r.Text);
            db.Reflections.Remove(r);
        }
        foreach (var c in await db.CheckIns.Where(c => c.AuthorId == id && c.Note != null).ToListAsync(cancellationToken))
        {
            erasure.Forget(c.Note);
            c.Note = null;
        }
        foreach (var f in await db.FitAnswers.Where(f => f.PersonId == id && f.Comment != null).ToListAsync(cancellationToken))
        {
            erasure.Forget(f.Comment);
            f.Comment = null;
        }
        foreach (var g in await db.Goals.Where(g => g.CreatedById == id).ToListAsync(cancellationToken))
        {
            erasure.Forget([g.Title, g.Why, g.Measure]);
            (g.Title, g.Why, g.Measure) = ("A goal", "", "");
        }
    }
}

/// <summary>Cohort boards: the person's victories, kudos given and received, stand-ups and replies.</summary>
public sealed class CohortsContributor(MentoringDbContext db) : IPersonalDataContributor
{
    public async Task ExportAsync(int personId, PersonalDataExport export, CancellationToken cancellationToken)
    {
        export.Add("victories", await db.Victories.AsNoTracking().Where(v => v.AuthorId == personId).OrderBy(v => v.Id)
            .Select(v => new { v.ProgramId, v.GroupId, v.Text, v.Visibility, v.CreatedAt }).ToListAsync(cancellationToken));
        export.Add("kudos", new
        {
            given = await db.Kudos.AsNoTracking().Where(k => k.FromId == personId).OrderBy(k => k.Id)
                .Select(k => new { to = k.To!.Name, k.Text, k.CreatedAt }).ToListAsync(cancellationToken),
            received = await db.Kudos.AsNoTracking().Where(k => k.ToId == personId).OrderBy(k => k.Id)
                .Select(k => new { from = k.From!.Name, k.Text, k.CreatedAt }).ToListAsync(cancellationToken),
        });
        export.Add("standups", await db.Standups.AsNoTracking().Where(s => s.AuthorId == personId).OrderBy(s => s.Id)
            .Select(s => new { s.ProgramId, s.GroupId, s.On, s.Did, s.Next, s.Stuck }).ToListAsync(cancellationToken));
        export.Add("standupReplies", await db.StandupReplies.AsNoTracking().Where(r => r.AuthorId == personId).OrderBy(r => r.Id)
            .Select(r => new { r.StandupId, r.Text, r.CreatedAt }).ToListAsync(cancellationToken));
    }

    public async Task EraseAsync(PersonErasure erasure, CancellationToken cancellationToken)
    {
        var id = erasure.PersonId;
        // The rows stay (reactions and shares point at them), without their words.
        foreach (var v in await db.Victories.Where(v => v.AuthorId == id).ToListAsync(cancellationToken))
        {
            erasure.Forget(v.Text);
            v.Text = "";
        }
        foreach (var k in await db.Kudos.Where(k => k.FromId == id).ToListAsync(cancellationToken))
        {
            erasure.Forget(k.Text);
            k.Text = "";
        }
        foreach (var s in await db.Standups.Where(s => s.AuthorId == id).ToListAsync(cancellationToken))
        {
            erasure.Forget([s.Did, s.Next, s.Stuck]);
            (s.Did, s.Next, s.Stuck) = ("", "", "");
        }
        foreach (var r in await db.StandupReplies.Where(r => r.AuthorId == id).ToListAsync(cancellationToken))
        {
            erasure.Forget(r.Text);
            r.Text = "";
        }
    }
}

/// <summary>Surveys: the person's own answers (nobody else ever reads them); on erasure their free texts go, their numbers stay in the aggregates.</summary>
public sealed class SurveysContributor(MentoringDbContext db) : IPersonalDataContributor
{
    public async Task ExportAsync(int personId, PersonalDataExport export, CancellationToken cancellationToken)
    {
        var responses = await db.SurveyResponses.AsNoTracking().Include(r => r.Survey).Include(r => r.Answers)
            .Where(r => r.PersonId == personId).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        export.Add("surveyAnswers", responses.Select(r => new
        {
            survey = r.Survey!.Title, r.Role,
            answers = r.Answers.Select(a => new { a.QuestionId, a.Number, a.Text, a.Choices }),
        }));
    }

    public async Task EraseAsync(PersonErasure erasure, CancellationToken cancellationToken)
    {
        var responses = await db.SurveyResponses.Include(r => r.Answers).Where(r => r.PersonId == erasure.PersonId).ToListAsync(cancellationToken);
        foreach (var a in responses.SelectMany(r => r.Answers).Where(a => a.Text != null))
        {
            erasure.Forget(a.Text);
            a.Text = null;
        }
    }
}

/// <summary>
/// Private notes and reflections (<c>Retention:PrivateNotesMonths</c>) and check-in notes
/// (<c>Retention:CheckInNotesMonths</c>) of mentorships that ended that long ago: removed.
/// </summary>
public sealed class PairSpaceRetention(MentoringDbContext db, IOptions<RetentionOptions> options) : IRetentionRule
{
    public const string Rule = "pair-space";

    public async Task<IReadOnlyList<RetentionItem>> DueAsync(Instant now, CancellationToken cancellationToken)
    {
        var items = new List<RetentionItem>();
        if (RetentionOptions.Cutoff(now, options.Value.PrivateNotesMonths) is { } notesCutoff)
        {
            var ended = db.Mentorships.Where(m => m.EndedAt != null && m.EndedAt < notesCutoff);
            items.AddRange((await db.MentorshipNotes.AsNoTracking()
                    .Where(n => n.Visibility == NoteVisibility.Private && ended.Any(m => m.Id == n.MentorshipId))
                    .Select(n => new { n.Id, Ended = ended.First(m => m.Id == n.MentorshipId).EndedAt!.Value }).ToListAsync(cancellationToken))
                .Select(n => new RetentionItem(Rule, "note", Id(n.Id), "A private note of a mentorship that ended", n.Ended)));
            items.AddRange((await db.Reflections.AsNoTracking()
                    .Where(r => r.Visibility == NoteVisibility.Private && ended.Any(m => m.Id == r.MentorshipId))
                    .Select(r => new { r.Id, Ended = ended.First(m => m.Id == r.MentorshipId).EndedAt!.Value }).ToListAsync(cancellationToken))
                .Select(r => new RetentionItem(Rule, "reflection", Id(r.Id), "A private reflection of a mentorship that ended", r.Ended)));
        }
        if (RetentionOptions.Cutoff(now, options.Value.CheckInNotesMonths) is { } checkInCutoff)
        {
            var ended = db.Mentorships.Where(m => m.EndedAt != null && m.EndedAt < checkInCutoff);
            items.AddRange((await db.CheckIns.AsNoTracking()
                    .Where(c => c.Note != null && ended.Any(m => m.Id == c.MentorshipId))
                    .Select(c => new { c.Id, Ended = ended.First(m => m.Id == c.MentorshipId).EndedAt!.Value }).ToListAsync(cancellationToken))
                .Select(c => new RetentionItem(Rule, "check-in", Id(c.Id), "The note of a check-in of a mentorship that ended", c.Ended)));
        }
        return items;
    }

    public async Task ApplyAsync(IReadOnlyList<RetentionItem> items, CancellationToken cancellationToken)
    {
        List<int> Ids(string entity) => items.Where(i => i.Entity == entity).Select(i => int.Parse(i.EntityId, CultureInfo.InvariantCulture)).ToList();
        foreach (var chunk in Ids("note").Chunk(500))
        {
            await db.MentorshipNotes.Where(n => chunk.Contains(n.Id)).ExecuteDeleteAsync(cancellationToken);
        }
        foreach (var chunk in Ids("reflection").Chunk(500))
        {
            await db.Reflections.Where(r => chunk.Contains(r.Id)).ExecuteDeleteAsync(cancellationToken);
        }
        foreach (var chunk in Ids("check-in").Chunk(500))
        {
            await db.CheckIns.Where(c => chunk.Contains(c.Id)).ExecuteUpdateAsync(u => u.SetProperty(c => c.Note, (string?)null), cancellationToken);
        }
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Free-text survey answers given longer than <c>Retention:SurveyTextsMonths</c> ago: removed (the numbers stay in the aggregates).</summary>
public sealed class SurveyTextRetention(MentoringDbContext db, IOptions<RetentionOptions> options) : IRetentionRule
{
    public const string Rule = "survey-texts";

    public async Task<IReadOnlyList<RetentionItem>> DueAsync(Instant now, CancellationToken cancellationToken)
    {
        if (RetentionOptions.Cutoff(now, options.Value.SurveyTextsMonths) is not { } cutoff)
        {
            return [];
        }
        var due = await db.SurveyAnswers.AsNoTracking()
            .Join(db.SurveyResponses.Where(r => r.SubmittedAt < cutoff), a => a.ResponseId, r => r.Id, (a, r) => new { a.Id, a.Text, r.SubmittedAt })
            .Where(a => a.Text != null).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        return due.Select(a => new RetentionItem(Rule, "survey-answer", a.Id.ToString(CultureInfo.InvariantCulture), "A free-text survey answer", a.SubmittedAt)).ToList();
    }

    public async Task ApplyAsync(IReadOnlyList<RetentionItem> items, CancellationToken cancellationToken)
    {
        var ids = items.Select(i => int.Parse(i.EntityId, CultureInfo.InvariantCulture)).ToList();
        foreach (var chunk in ids.Chunk(500))
        {
            await db.SurveyAnswers.Where(a => chunk.Contains(a.Id)).ExecuteUpdateAsync(u => u.SetProperty(a => a.Text, (string?)null), cancellationToken);
        }
    }
}

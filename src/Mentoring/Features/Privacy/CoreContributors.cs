using System.Text.RegularExpressions;
using Mentoring.Data;
using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Features.Privacy;

/// <summary>The person's roster record and profile, and their account and API tokens (never a hash).</summary>
public sealed class ProfileContributor(MentoringDbContext db) : IPersonalDataContributor
{
    public async Task ExportAsync(int personId, PersonalDataExport export, CancellationToken cancellationToken)
    {
        var p = await db.People.AsNoTracking().Include(x => x.Office).Include(x => x.Manager).SingleAsync(x => x.Id == personId, cancellationToken);
        export.Add("profile", new
        {
            p.Id, employeeId = p.ExternalId, p.Name, p.Email, p.Department, p.JobTitle, p.Level, office = p.Office?.Name, p.TimeZone,
            manager = p.Manager?.Name, p.HireDate, p.Interests, p.Skills, p.Values, p.HopesToGet, p.HopesToGive, p.Languages,
            p.WorkdayStart, p.WorkdayEnd, p.PreferredFormats, p.Channels, hrAttributes = p.Attributes, p.Active, p.DeactivatedAt,
            hasCalendarSubscription = p.CalendarToken is not null,
        });
        var account = await db.Users.AsNoTracking().Where(u => u.PersonId == personId)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.LastSignInAt, u.DisabledAt, u.InvitedAt, u.InvitationExpiresAt }).SingleOrDefaultAsync(cancellationToken);
        if (account is null)
        {
            export.Add("account", null);
            return;
        }
        var roles = await db.UserRoles.AsNoTracking().Where(r => r.UserId == account.Id)
            .Join(db.Roles, r => r.RoleId, role => role.Id, (_, role) => role.Name).ToListAsync(cancellationToken);
        var tokens = await db.ApiTokens.AsNoTracking().Where(t => t.UserId == account.Id).OrderBy(t => t.Id)
            .Select(t => new { t.Name, t.Prefix, t.CreatedAt, t.LastUsedAt, t.RevokedAt }).ToListAsync(cancellationToken);
        export.Add("account", new { account.Email, account.DisplayName, roles, account.LastSignInAt, account.DisabledAt, account.InvitedAt, apiTokens = tokens });
    }

    public Task EraseAsync(PersonErasure erasure, CancellationToken cancellationToken)
    {
        var p = erasure.Person;
        erasure.Forget(p.HopesToGet.Concat(p.HopesToGive).Concat(p.Interests).Concat(p.Skills).Concat(p.Values));
        p.HopesToGet = [];
        p.HopesToGive = [];
        p.Interests = [];
        p.Skills = [];
        p.Values = [];
        p.Languages = [];
        return Task.CompletedTask;
    }
}

/// <summary>Programs the person is (or was) in: role, preferences, goals and application answers.</summary>
public sealed class EnrollmentsContributor(MentoringDbContext db) : IPersonalDataContributor
{
    public async Task ExportAsync(int personId, PersonalDataExport export, CancellationToken cancellationToken)
    {
        var rows = await db.Enrollments.IgnoreQueryFilters([EnrollmentFilter.ActiveOnly]).AsNoTracking().Include(e => e.Program)
            .Where(e => e.PersonId == personId).OrderBy(e => e.Id).ToListAsync(cancellationToken);
        export.Add("enrollments", rows.Select(e => new
        {
            program = e.Program!.Name, e.Role, e.Status, e.Capacity, e.Mode, e.PreferredFormats, e.Goals, e.FlaggedForSupport, e.OptedOut,
            e.PausedUntil, e.Cadence, e.AppliedAt, e.DecidedAt, e.WithdrawnAt,
            applicationAnswers = e.Answers.Select(a => new { a.Question, a.Values }),
        }));
    }

    public async Task EraseAsync(PersonErasure erasure, CancellationToken cancellationToken)
    {
        var rows = await db.Enrollments.IgnoreQueryFilters([EnrollmentFilter.ActiveOnly]).Where(e => e.PersonId == erasure.PersonId).ToListAsync(cancellationToken);
        foreach (var e in rows)
        {
            erasure.Forget(e.Goals);
            erasure.Forget(e.Answers.SelectMany(a => a.Values));
            e.Goals = "";
            e.Answers = [];
        }
    }
}

/// <summary>Mentorships and mentor requests: who with, why, and what the person wrote (not what the other declined with).</summary>
public sealed class MentoringContributor(MentoringDbContext db) : IPersonalDataContributor
{
    public async Task ExportAsync(int personId, PersonalDataExport export, CancellationToken cancellationToken)
    {
        var mentorships = await db.Mentorships.AsNoTracking().Include(m => m.Program).Include(m => m.Mentor).Include(m => m.Mentee)
            .Where(m => m.MentorId == personId || m.MenteeId == personId).OrderBy(m => m.Id).ToListAsync(cancellationToken);
        export.Add("mentorships", mentorships.Select(m => new
        {
            program = m.Program!.Name, role = m.MentorId == personId ? "mentor" : "mentee",
            mentor = m.Mentor!.Name, mentee = m.Mentee!.Name, m.Status, m.Score, reasons = m.Reasons.Select(r => r.Text), m.CreatedAt, m.EndedAt,
            declinedByThem = m.DeclinedById == personId, declineReason = m.DeclinedById == personId ? m.DeclineReason : null, m.DeclinedAt,
        }));
        var requests = await db.MentorRequests.AsNoTracking().Include(r => r.Mentor).Include(r => r.Mentee)
            .Where(r => r.MenteeId == personId || r.MentorId == personId).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        export.Add("mentorRequests", requests.Select(r => new
        {
            mentor = r.Mentor!.Name, mentee = r.Mentee!.Name, r.Status, r.Message, r.Response, r.CreatedAt, r.AnsweredAt,
        }));
    }

    public async Task EraseAsync(PersonErasure erasure, CancellationToken cancellationToken)
    {
        var id = erasure.PersonId;
        foreach (var m in await db.Mentorships.Where(m => m.DeclinedById == id).ToListAsync(cancellationToken))
        {
            erasure.Forget(m.DeclineReason);
            m.DeclineReason = null;
        }
        foreach (var r in await db.MentorRequests.Where(r => r.MenteeId == id || r.MentorId == id).ToListAsync(cancellationToken))
        {
            // The mentee wrote the message, the mentor the response: each erases only their own.
            if (r.MenteeId == id)
            {
                erasure.Forget(r.Message);
                r.Message = "";
            }
            if (r.MentorId == id)
            {
                erasure.Forget(r.Response);
                r.Response = null;
            }
        }
    }
}

/// <summary>Sessions, groups and coffees the person took part in, with their own answers and goals.</summary>
public sealed class ActivitiesContributor(MentoringDbContext db) : IPersonalDataContributor
{
    public async Task ExportAsync(int personId, PersonalDataExport export, CancellationToken cancellationToken)
    {
        var sessions = await db.Sessions.AsNoTracking().Include(s => s.Attendees)
            .Where(s => s.HostId == personId || s.Attendees.Any(a => a.PersonId == personId)).OrderBy(s => s.Start).ToListAsync(cancellationToken);
        export.Add("sessions", sessions.Select(s => new
        {
            s.Title, s.Kind, s.Start, s.End, s.TimeZone, s.Location, s.Status, host = s.HostId == personId,
            response = s.Attendees.FirstOrDefault(a => a.PersonId == personId)?.Response, respondedAt = s.Attendees.FirstOrDefault(a => a.PersonId == personId)?.RespondedAt,
        }));
        var groups = await db.GroupMembers.AsNoTracking().Where(g => g.PersonId == personId)
            .Join(db.GroupActivities, g => g.ActivityId, a => a.Id, (g, a) => new { a.Title, a.Kind, a.Date, g.SessionGoal })
            .ToListAsync(cancellationToken);
        var hosted = await db.GroupActivities.AsNoTracking().Where(a => a.HostId == personId).Select(a => new { a.Title, a.Kind, a.Date }).ToListAsync(cancellationToken);
        export.Add("groups", new { member = groups, hosted });
        var coffees = await db.RoulettePairings.AsNoTracking().Include(p => p.PersonA).Include(p => p.PersonB).Include(p => p.PersonC)
            .Where(p => p.PersonAId == personId || p.PersonBId == personId || p.PersonCId == personId)
            .Join(db.RouletteRounds, p => p.RoundId, r => r.Id, (p, r) => new { p, r.PeriodStart }).ToListAsync(cancellationToken);
        export.Add("coffees", coffees.Select(c => new
        {
            c.PeriodStart,
            with = new[] { c.p.PersonA, c.p.PersonB, c.p.PersonC }.Where(x => x is not null && x.Id != personId).Select(x => x!.Name),
            c.p.Starter, c.p.VideoLink,
            theySaidTheyMet = c.p.PersonAId == personId ? c.p.MetA : c.p.PersonBId == personId ? c.p.MetB : c.p.MetC,
        }));
    }

    public async Task EraseAsync(PersonErasure erasure, CancellationToken cancellationToken)
    {
        foreach (var member in await db.GroupMembers.Where(g => g.PersonId == erasure.PersonId).ToListAsync(cancellationToken))
        {
            erasure.Forget(member.SessionGoal);
            member.SessionGoal = "";
        }
    }
}

/// <summary>What the outbox sent (or holds) for the person; erasure blanks those messages entirely.</summary>
public sealed partial class NotificationsContributor(MentoringDbContext db) : IPersonalDataContributor
{
    public async Task ExportAsync(int personId, PersonalDataExport export, CancellationToken cancellationToken)
    {
        var email = await db.People.Where(p => p.Id == personId).Select(p => p.Email).SingleAsync(cancellationToken);
        var sent = email is null ? [] : await db.Notifications.AsNoTracking().Where(n => n.Recipient == email).OrderBy(n => n.Id)
            .Select(n => new { n.Channel, n.Subject, n.Body, n.CreatedAt, n.SentAt }).ToListAsync(cancellationToken);
        // A link's secret (an invitation, a reset) is left out: the export may be made by an admin, and the link would still open the account.
        export.Add("notifications", sent.Select(n => new { n.Channel, n.Subject, body = LinkSecret().Replace(n.Body, "$1?…"), n.CreatedAt, n.SentAt }));
    }

    public async Task EraseAsync(PersonErasure erasure, CancellationToken cancellationToken)
    {
        if (erasure.Email is not { } email)
        {
            return;
        }
        // Messages to the person go whole: recipient, subject, body and invitation. Messages to others that name them are swept.
        await db.Notifications.Where(n => n.Recipient == email).ExecuteUpdateAsync(set => set
            .SetProperty(n => n.Recipient, "erased")
            .SetProperty(n => n.Subject, "(erased)")
            .SetProperty(n => n.Body, "")
            .SetProperty(n => n.Attachment, (string?)null)
            .SetProperty(n => n.LastError, (string?)null), cancellationToken);
    }

    [GeneratedRegex(@"(https?://[^\s?#]+)[?#]\S*")]
    private static partial Regex LinkSecret();
}

/// <summary>The audit records about the person and those of their own actions (others' IP addresses left out).</summary>
public sealed class AuditContributor(MentoringDbContext db) : IPersonalDataContributor
{
    public async Task ExportAsync(int personId, PersonalDataExport export, CancellationToken cancellationToken)
    {
        var account = await db.Users.Where(u => u.PersonId == personId).Select(u => u.Id).SingleOrDefaultAsync(cancellationToken);
        var records = await db.AuditRecords.AsNoTracking()
            .Where(r => r.SubjectPersonId == personId || (account != null && r.ActorAccountId == account))
            .OrderBy(r => r.Id).ToListAsync(cancellationToken);
        export.Add("auditRecords", records.Select(r =>
        {
            var own = account is not null && r.ActorAccountId == account;
            return new
            {
                r.At, r.ActorKind, r.ActorName, entity = r.EntityType, r.EntityId, r.Action, r.Changes,
                ip = own ? r.Ip : null, userAgent = own ? r.UserAgent : null,
            };
        }));
    }

    public async Task EraseAsync(PersonErasure erasure, CancellationToken cancellationToken)
    {
        // The trail keeps that things happened to the record, by whom and when; the values the person had go
        // (the one change the product makes to audit records, documented in docs/privacy.md).
        var records = await db.AuditRecords.AsNoTracking().Where(r => r.SubjectPersonId == erasure.PersonId && r.Changes != null)
            .Select(r => new { r.Id, r.Changes }).ToListAsync(cancellationToken);
        foreach (var record in records)
        {
            var blanked = ErasureService.WithoutValues(record.Changes!);
            await db.AuditRecords.Where(r => r.Id == record.Id).ExecuteUpdateAsync(set => set.SetProperty(r => r.Changes, blanked), cancellationToken);
        }
        if (erasure.AccountId is { } account)
        {
            await db.AuditRecords.Where(r => r.ActorAccountId == account).ExecuteUpdateAsync(set => set
                .SetProperty(r => r.ActorName, "erased person")
                .SetProperty(r => r.Ip, (string?)null)
                .SetProperty(r => r.UserAgent, (string?)null), cancellationToken);
        }
    }
}

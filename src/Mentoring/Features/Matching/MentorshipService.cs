using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Features.Matching;

/// <summary>A mentor a mentee may ask, best fit first: full mentors can still be asked, onto their waitlist.</summary>
public sealed record Suggestion(CounterpartDto Mentor, double Score, IReadOnlyList<MatchReason> Reasons, int FreeCapacity, MentorRequestStatus? MyRequest);

public sealed record MentorRequestDto(
    int Id, int ProgramId, PersonRef Mentee, PersonRef Mentor, MentorRequestStatus Status, string Message, string? Response, DateTimeOffset CreatedAt)
{
    public static MentorRequestDto From(MentorRequest r) => new(
        r.Id, r.ProgramId, MatchRunDto.Ref(r.Mentee!), MatchRunDto.Ref(r.Mentor!), r.Status, r.Message, r.Response, r.CreatedAt.ToDateTimeOffset());
}

/// <summary>
/// What mentors and mentees do with their matches: see them (with the counterpart's profile and the
/// reasons), decline one with a reason, and, in mentee-choice programs, ask a suggested mentor, who
/// accepts or declines; a full mentor's requests wait in line.
/// </summary>
public sealed class MentorshipService(MentoringDbContext db, IClock clock)
{
    internal static IQueryable<Mentorship> Query(MentoringDbContext db) =>
        db.Mentorships.AsNoTracking().Include(m => m.Program)
            .Include(m => m.Mentor).ThenInclude(p => p!.Office)
            .Include(m => m.Mentee).ThenInclude(p => p!.Office)
            .AsSplitQuery();

    /// <summary>
    /// A person's mentorships, with the counterpart's profile and their goals in the program, in one query
    /// (the counterpart's enrollment is read for its goals only, never the program's thousands).
    /// </summary>
    public async Task<List<MyMentorshipDto>> MineAsync(int personId, CancellationToken cancellationToken)
    {
        var rows = await db.Mentorships.AsNoTracking().Where(m => m.MentorId == personId || m.MenteeId == personId)
            .OrderBy(m => m.Status).ThenByDescending(m => m.CreatedAt)
            .Select(m => new
            {
                m.Id, m.MentorId, m.Status, m.Score, m.Reasons, ProgramName = m.Program!.Name,
                Mentor = m.Mentor!, MentorOffice = m.Mentor!.Office, Mentee = m.Mentee!, MenteeOffice = m.Mentee!.Office,
                Goals = db.Enrollments.Where(e => e.ProgramId == m.ProgramId && e.PersonId == (m.MentorId == personId ? m.MenteeId : m.MentorId))
                    .Select(e => e.Goals).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return rows.Select(m =>
        {
            var iAmMentor = m.MentorId == personId;
            var other = iAmMentor ? m.Mentee : m.Mentor;
            other.Office = iAmMentor ? m.MenteeOffice : m.MentorOffice;
            return new MyMentorshipDto(m.Id, m.ProgramName ?? "", iAmMentor ? "mentor" : "mentee", Counterpart(other, m.Goals ?? ""), m.Status, m.Score, m.Reasons);
        }).ToList();
    }

    /// <summary>The mentor or the mentee declines a mentorship, saying why; the admin sees the reason.</summary>
    public async Task<Outcome<Done>> DeclineAsync(int mentorshipId, int personId, string reason, CancellationToken cancellationToken)
    {
        var mentorship = await db.Mentorships.SingleOrDefaultAsync(m => m.Id == mentorshipId && (m.MentorId == personId || m.MenteeId == personId), cancellationToken);
        if (mentorship is null)
        {
            return Outcome.Invalid("mentorshipId", "you have no such mentorship");
        }
        if (mentorship.Status != MentorshipStatus.Active)
        {
            return Outcome.Invalid("mentorshipId", "only an active mentorship can be declined");
        }
        mentorship.Status = MentorshipStatus.Declined;
        mentorship.DeclinedById = personId;
        mentorship.DeclineReason = reason.Trim();
        mentorship.DeclinedAt = clock.GetCurrentInstant();
        await PromoteWaitlistAsync(mentorship.ProgramId, mentorship.MentorId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Done();
    }

    /// <summary>Suggested mentors for a mentee of a mentee-choice program, best fit first.</summary>
    public async Task<Outcome<List<Suggestion>>> SuggestionsAsync(int programId, int menteeId, CancellationToken cancellationToken)
    {
        var input = await MatchingInput.LoadAsync(db, programId, clock.GetCurrentInstant(), cancellationToken);
        if (input is null)
        {
            return Outcome.Invalid("programId", "no such program");
        }
        if (input.Program.Matching.Mode != MatchingMode.MenteeChoice)
        {
            return Outcome.Invalid("programId", "in this program the admin proposes the matches");
        }
        var enrollment = await db.Enrollments.AsNoTracking().Include(e => e.Person).ThenInclude(p => p!.Office)
            .SingleOrDefaultAsync(e => e.ProgramId == programId && e.PersonId == menteeId && e.Role == EnrollmentRole.Mentee, cancellationToken);
        if (enrollment is null)
        {
            return Outcome.Invalid("programId", "you are not a mentee in this program");
        }
        var me = MatchingInput.Profile(enrollment);
        var mine = await db.MentorRequests.AsNoTracking().Where(r => r.ProgramId == programId && r.MenteeId == menteeId)
            .ToDictionaryAsync(r => r.MentorId, r => r.Status, cancellationToken);
        var people = await db.People.AsNoTracking().Include(p => p.Office)
            .Where(p => input.Mentors.Select(m => m.Profile.PersonId).Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var goals = await db.Enrollments.AsNoTracking().Where(e => e.ProgramId == programId && e.Role == EnrollmentRole.Mentor)
            .ToDictionaryAsync(e => e.PersonId, e => e.Goals, cancellationToken);
        return input.Mentors
            .Where(seat => input.Eligibility.Forbids(seat.Profile, me) is null)
            .Select(seat => (seat, score: input.Score(seat.Profile, me)))
            .OrderByDescending(x => x.score.Score).ThenBy(x => x.seat.Profile.Name)
            .Take(input.Settings.SuggestionsShown)
            .Select(x => new Suggestion(Counterpart(people[x.seat.Profile.PersonId], goals.GetValueOrDefault(x.seat.Profile.PersonId) ?? ""),
                x.score.Score, x.score.Reasons, x.seat.FreeCapacity, mine.TryGetValue(x.seat.Profile.PersonId, out var status) ? status : null))
            .ToList();
    }

    /// <summary>A mentee asks a mentor; a full mentor's request goes on the waitlist.</summary>
    public async Task<Outcome<MentorRequest>> AskAsync(int programId, int menteeId, int mentorId, string message, CancellationToken cancellationToken)
    {
        // Checks the program and that the caller is its mentee.
        if (await SuggestionsAsync(programId, menteeId, cancellationToken) is { Succeeded: false } unsuggested)
        {
            return Outcome.Invalid(unsuggested.Errors);
        }
        if (await db.Mentorships.AnyAsync(m => m.ProgramId == programId && m.MenteeId == menteeId && m.Status == MentorshipStatus.Active, cancellationToken))
        {
            return Outcome.Invalid("mentorId", "you already have a mentor in this program");
        }
        var input = await MatchingInput.LoadAsync(db, programId, clock.GetCurrentInstant(), cancellationToken);
        var seat = input!.Mentors.FirstOrDefault(m => m.Profile.PersonId == mentorId);
        if (seat is null)
        {
            return Outcome.Invalid("mentorId", "that person is not a mentor in this program");
        }
        var me = input.Mentees.FirstOrDefault(m => m.Profile.PersonId == menteeId)?.Profile;
        if (me is null)
        {
            return Outcome.Invalid("programId", "you are not waiting for a mentor in this program");
        }
        if (input.Eligibility.Forbids(seat.Profile, me) is { } rule)
        {
            return Outcome.Invalid("mentorId", $"{seat.Profile.Name} cannot be your mentor here: {rule}");
        }
        if (await db.MentorRequests.AnyAsync(r => r.ProgramId == programId && r.MenteeId == menteeId && r.MentorId == mentorId
                && (r.Status == MentorRequestStatus.Pending || r.Status == MentorRequestStatus.Waitlisted), cancellationToken))
        {
            return Outcome.Invalid("mentorId", $"you have already asked {seat.Profile.Name}");
        }
        var request = new MentorRequest
        {
            ProgramId = programId, MenteeId = menteeId, MentorId = mentorId, Message = message.Trim(), CreatedAt = clock.GetCurrentInstant(),
            Status = seat.FreeCapacity > 0 ? MentorRequestStatus.Pending : MentorRequestStatus.Waitlisted,
        };
        db.MentorRequests.Add(request);
        await db.SaveChangesAsync(cancellationToken);
        return request;
    }

    /// <summary>The mentor accepts (a mentorship starts, the mentee's other requests are withdrawn) or declines.</summary>
    public async Task<Outcome<MentorRequest>> AnswerAsync(int requestId, int mentorId, bool accept, string? response, CancellationToken cancellationToken)
    {
        var request = await db.MentorRequests.SingleOrDefaultAsync(r => r.Id == requestId && r.MentorId == mentorId, cancellationToken);
        if (request is null)
        {
            return Outcome.Invalid("requestId", "you have no such request");
        }
        if (request.Status is not (MentorRequestStatus.Pending or MentorRequestStatus.Waitlisted))
        {
            return Outcome.Invalid("requestId", $"this request is already {request.Status.ToString().ToLowerInvariant()}");
        }
        var now = clock.GetCurrentInstant();
        request.Response = response?.Trim();
        request.AnsweredAt = now;
        if (!accept)
        {
            request.Status = MentorRequestStatus.Declined;
            await db.SaveChangesAsync(cancellationToken);
            return request;
        }
        var input = await MatchingInput.LoadAsync(db, request.ProgramId, now, cancellationToken);
        var seat = input!.Mentors.Single(m => m.Profile.PersonId == mentorId);
        if (seat.FreeCapacity <= 0)
        {
            return Outcome.Invalid("requestId", $"you are mentoring {seat.Capacity} already, your capacity in this program");
        }
        var mentee = input.Mentees.FirstOrDefault(m => m.Profile.PersonId == request.MenteeId);
        if (mentee is null)
        {
            return Outcome.Invalid("requestId", "this mentee has a mentor already");
        }
        var score = input.Score(seat.Profile, mentee.Profile);
        db.Mentorships.Add(new Mentorship
        {
            ProgramId = request.ProgramId, MentorId = mentorId, MenteeId = request.MenteeId, Score = score.Score, Reasons = [.. score.Reasons], CreatedAt = now,
        });
        request.Status = MentorRequestStatus.Accepted;
        foreach (var other in await db.MentorRequests.Where(r => r.ProgramId == request.ProgramId && r.MenteeId == request.MenteeId && r.Id != request.Id
                     && (r.Status == MentorRequestStatus.Pending || r.Status == MentorRequestStatus.Waitlisted)).ToListAsync(cancellationToken))
        {
            other.Status = MentorRequestStatus.Withdrawn;
        }
        await db.SaveChangesAsync(cancellationToken);
        return request;
    }

    public async Task<Outcome<MentorRequest>> WithdrawAsync(int requestId, int menteeId, CancellationToken cancellationToken)
    {
        var request = await db.MentorRequests.SingleOrDefaultAsync(r => r.Id == requestId && r.MenteeId == menteeId, cancellationToken);
        if (request is null)
        {
            return Outcome.Invalid("requestId", "you have no such request");
        }
        if (request.Status is not (MentorRequestStatus.Pending or MentorRequestStatus.Waitlisted))
        {
            return Outcome.Invalid("requestId", $"this request is already {request.Status.ToString().ToLowerInvariant()}");
        }
        request.Status = MentorRequestStatus.Withdrawn;
        await db.SaveChangesAsync(cancellationToken);
        return request;
    }

    public Task<List<MentorRequest>> RequestsAsync(int personId, CancellationToken cancellationToken) =>
        db.MentorRequests.AsNoTracking()
            .Include(r => r.Mentee).ThenInclude(p => p!.Office)
            .Include(r => r.Mentor).ThenInclude(p => p!.Office)
            .Where(r => r.MentorId == personId || r.MenteeId == personId)
            .OrderByDescending(r => r.Id).ToListAsync(cancellationToken);

    /// <summary>When a mentor has room again, the longest-waiting request becomes pending for them to answer.</summary>
    private async Task PromoteWaitlistAsync(int programId, int mentorId, CancellationToken cancellationToken)
    {
        var next = await db.MentorRequests.Where(r => r.ProgramId == programId && r.MentorId == mentorId && r.Status == MentorRequestStatus.Waitlisted)
            .OrderBy(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        if (next is not null)
        {
            next.Status = MentorRequestStatus.Pending;
        }
    }

    internal static CounterpartDto Counterpart(Person p, string goals) => new(
        p.Id, p.Name, p.Email, p.JobTitle, p.Department, p.Level, p.Office?.Name, p.TimeZone ?? p.Office?.TimeZone,
        p.Interests, p.Skills, p.Values, goals);
}

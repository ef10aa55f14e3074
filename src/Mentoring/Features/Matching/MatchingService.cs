using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Engine.Matching;
using Mentoring.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Features.Matching;

/// <summary>
/// Matching for a program: computes a proposal with the exact engine (every mentee who can be matched
/// is, those who need it most first, each with the best fit capacities allow), keeps the admin's
/// locked pairs on a re-run, lets the admin swap a mentor, and publishes the proposal as mentorships
/// in one transaction.
/// </summary>
public sealed class MatchingService(MentoringDbContext db, IClock clock, Infrastructure.Audit.AuditContext audit, ILogger<MatchingService>? logger = null)
{
    /// <summary>Computes the proposal of a run that has been created in the Running state.</summary>
    public async Task ComputeAsync(int runId, CancellationToken cancellationToken)
    {
        var watch = RunClock.Start();
        var run = await db.MatchRuns.SingleAsync(r => r.Id == runId, cancellationToken);
        var input = await MatchingInput.LoadAsync(db, run.ProgramId, clock.GetCurrentInstant(), cancellationToken)
            ?? throw new InvalidOperationException("the program no longer exists");

        // Locked pairs of the proposal under review are kept as they are; the engine matches the rest.
        // Only the locked lines are read: tracking a 10,000-line proposal just to supersede it would cost more than the solve.
        var previous = await LatestProposalAsync(run.ProgramId, excluding: run.Id, cancellationToken);
        var locked = previous is null ? [] : await db.MatchProposals.AsNoTracking()
            .Where(p => p.RunId == previous.Id && p.Locked).OrderBy(p => p.Id).ToListAsync(cancellationToken);
        var lockedMentees = locked.Select(p => p.MenteeId).ToHashSet();
        var freeCapacity = input.Mentors.ToDictionary(m => m.Profile.PersonId, m => m.FreeCapacity);
        foreach (var pair in locked.Where(p => p.MentorId is not null))
        {
            freeCapacity[pair.MentorId!.Value] = Math.Max(0, freeCapacity.GetValueOrDefault(pair.MentorId.Value) - 1);
        }

        var mentees = input.Mentees.Where(m => !lockedMentees.Contains(m.Profile.PersonId)).ToList();
        var mentors = input.Mentors;
        // Every pair is checked and scored on the fast path; the reasons are written for the chosen pairs only.
        var scorer = input.Scorer();
        var mentorProfiles = mentors.Select(m => scorer.Prepare(m.Profile)).ToArray();
        var menteeProfiles = mentees.Select(m => scorer.Prepare(m.Profile)).ToArray();
        scorer.Seal();
        var loaded = watch.Lap();
        var eligibleCount = new int[mentees.Count];
        // For a mentee nobody may mentor: how many mentors each rule ruled out, in the order the rules first came up.
        var forbidden = new System.Collections.Concurrent.ConcurrentDictionary<int, List<(int Rule, int Count)>>();
        // Mentees are checked and scored in slices on every core, straight into the engine's rows (mentee by
        // mentee, mentors in order, as a list of candidates in that order would give): first the rules, to
        // know where each mentee's row starts, then the scores of the allowed pairs.
        const int slice = 256;
        var sliceCount = (mentees.Count + slice - 1) / slice;
        var options = new ParallelOptions { CancellationToken = cancellationToken };
        Parallel.For(0, sliceCount, options, s =>
        {
            var rules = new int[6];
            for (var e = s * slice; e < Math.Min(mentees.Count, (s + 1) * slice); e++)
            {
                var mentee = menteeProfiles[e];
                Array.Clear(rules);
                List<int>? order = null;
                var eligible = 0;
                for (var m = 0; m < mentorProfiles.Length; m++)
                {
                    if (scorer.Forbids(mentorProfiles[m], mentee) is var rule and > 0)
                    {
                        if (rules[rule]++ == 0)
                        {
                            (order ??= []).Add(rule);
                        }
                        continue;
                    }
                    eligible++;
                }
                eligibleCount[e] = eligible;
                if (eligible == 0)
                {
                    forbidden[e] = (order ?? []).Select(r => (r, rules[r])).ToList();
                }
            }
        });
        var start = new int[mentees.Count + 1];
        for (var e = 0; e < mentees.Count; e++)
        {
            start[e + 1] = checked(start[e] + eligibleCount[e]);
        }
        var pairMentor = new int[start[^1]];
        var pairScore = new double[start[^1]];
        Parallel.For(0, sliceCount, options, s =>
        {
            for (var e = s * slice; e < Math.Min(mentees.Count, (s + 1) * slice); e++)
            {
                var mentee = menteeProfiles[e];
                var at = start[e];
                for (var m = 0; m < mentorProfiles.Length; m++)
                {
                    if (scorer.Forbids(mentorProfiles[m], mentee) == 0)
                    {
                        pairMentor[at] = m;
                        pairScore[at] = scorer.Score(mentorProfiles[m], mentee);
                        at++;
                    }
                }
            }
        });

        var scored = watch.Lap();
        var solution = MatchingEngine.Solve(
            mentors.Select(m => freeCapacity[m.Profile.PersonId]).ToArray(),
            mentees.Select(m => m.Priority).ToArray(),
            new MatchCandidateRows(start, pairMentor, pairScore));
        var pairCount = pairMentor.Length;
        pairMentor = null;
        pairScore = null;
        var solved = watch.Lap();

        var lines = new List<MatchProposal>();
        foreach (var pair in locked)
        {
            lines.Add(new MatchProposal
            {
                MenteeId = pair.MenteeId, MentorId = pair.MentorId, Priority = pair.Priority, Score = pair.Score,
                Reasons = pair.Reasons, Locked = true, UnmatchedReason = pair.UnmatchedReason,
            });
        }
        for (var e = 0; e < mentees.Count; e++)
        {
            var need = mentees[e];
            var m = solution.MentorOfMentee[e];
            var priorityReasons = need.PriorityReasons.Count == 0 ? [] : new[] { new MatchReason("priority", "Goes first: " + string.Join(", ", need.PriorityReasons), 0) };
            if (m >= 0)
            {
                var score = input.Score(mentors[m].Profile, need.Profile);
                lines.Add(new MatchProposal
                {
                    MenteeId = need.Profile.PersonId, MentorId = mentors[m].Profile.PersonId, Priority = need.Priority,
                    Score = score.Score, Reasons = [.. score.Reasons, .. priorityReasons],
                });
            }
            else
            {
                var eligible = eligibleCount[e];
                lines.Add(new MatchProposal
                {
                    MenteeId = need.Profile.PersonId, Priority = need.Priority, Reasons = [.. priorityReasons],
                    UnmatchedReason = eligible > 0
                        ? $"capacity used up: all {eligible} eligible mentor{(eligible == 1 ? " is" : "s are")} full"
                        : mentors.Count == 0 ? "no eligible mentor: the program has no mentor with free capacity" : "no eligible mentor: " + Summarise(scorer, forbidden.GetValueOrDefault(e) ?? []),
                });
            }
        }
        foreach (var (menteeId, reason) in input.HeldBackMentees.Where(h => !lockedMentees.Contains(h.PersonId)))
        {
            lines.Add(new MatchProposal { MenteeId = menteeId, Reasons = [], UnmatchedReason = reason });
        }
        var matched = lines.Where(p => p.MentorId is not null).ToList();
        run.Matched = matched.Count;
        run.Unmatched = lines.Count - matched.Count;
        run.PrioritySum = matched.Sum(p => p.Priority);
        run.ScoreSum = Math.Round(matched.Sum(p => p.Score), 4);
        // Optimal for the mentees it was free to place: locked pairs are the admin's choice.
        run.Optimal = solution.Optimal;
        run.Status = MatchRunStatus.Proposed;
        run.FinishedAt = clock.GetCurrentInstant();
        if (previous is not null)
        {
            previous.Status = MatchRunStatus.Superseded;
        }
        var written = watch.Lap();
        // The run and its lines in one transaction: the run through EF, its 10,000 lines (and their audit
        // records) as multi-row inserts, which cost the store a fraction of what EF's tracking of them costs.
        await using (var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null)
        {
            await db.SaveChangesAsync(cancellationToken);
            foreach (var line in lines)
            {
                line.RunId = run.Id;
            }
            await BulkRows.InsertAsync(db, lines, setKeys: true, cancellationToken);
            if (!audit.Suppressed)
            {
                await BulkRows.InsertAsync(db, BulkRows.Created(db, audit, lines, _ => null), setKeys: false, cancellationToken);
            }
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }
        var saved = watch.Lap();
        logger?.LogInformation("Matching run {RunId}: {Mentees} mentees, {Mentors} mentors, {Pairs} eligible pairs; loaded in {Loaded}, "
            + "checked and scored in {Scored}, solved in {Solved}, reasons in {Reasons}, saved in {Saved}; in all {Total}", runId, mentees.Count, mentors.Count,
            pairCount, loaded, scored, solved, written, saved, watch.Total());
    }

    /// <summary>Locks or unlocks one line of the proposal under review.</summary>
    public async Task<Outcome<MatchProposal>> LockAsync(int runId, int proposalId, bool locked, CancellationToken cancellationToken)
    {
        var reviewable = await ReviewableAsync(runId, proposalId, cancellationToken);
        if (reviewable.Value is not { } proposal)
        {
            return Outcome.Invalid(reviewable.Errors);
        }
        proposal.Locked = locked;
        await db.SaveChangesAsync(cancellationToken);
        return proposal;
    }

    /// <summary>
    /// Gives a mentee another mentor (or none), if the rules allow the pair and the mentor has room in
    /// this proposal. The changed pair is locked, so a re-run keeps it.
    /// </summary>
    public async Task<Outcome<MatchProposal>> SwapAsync(int runId, int proposalId, int? mentorId, CancellationToken cancellationToken)
    {
        var reviewable = await ReviewableAsync(runId, proposalId, cancellationToken);
        if (reviewable.Value is not { } proposal)
        {
            return Outcome.Invalid(reviewable.Errors);
        }
        var run = await db.MatchRuns.Include(r => r.Proposals).SingleAsync(r => r.Id == runId, cancellationToken);
        if (mentorId is null)
        {
            proposal.MentorId = null;
            proposal.Score = 0;
            proposal.Reasons = proposal.Reasons.Where(r => r.Factor == "priority").ToList();
            proposal.UnmatchedReason = "left without a mentor by the admin";
        }
        else
        {
            var input = await MatchingInput.LoadAsync(db, run.ProgramId, clock.GetCurrentInstant(), cancellationToken);
            var seat = input!.Mentors.FirstOrDefault(m => m.Profile.PersonId == mentorId);
            if (seat is null)
            {
                return Outcome.Invalid("mentorId", "that person is not a mentor in this program");
            }
            var mentee = await MenteeProfileAsync(run.ProgramId, proposal.MenteeId, cancellationToken);
            if (input.Eligibility.Forbids(seat.Profile, mentee) is { } rule)
            {
                return Outcome.Invalid("mentorId", $"{seat.Profile.Name} cannot mentor {mentee.Name}: {rule}");
            }
            var taken = run.Proposals.Count(p => p.MentorId == mentorId && p.Id != proposal.Id);
            if (taken >= seat.FreeCapacity)
            {
                return Outcome.Invalid("mentorId", $"{seat.Profile.Name} has no room left ({seat.FreeCapacity} free, {taken} proposed)");
            }
            var score = input.Score(seat.Profile, mentee);
            proposal.MentorId = mentorId;
            proposal.Score = score.Score;
            proposal.Reasons = [.. score.Reasons, .. proposal.Reasons.Where(r => r.Factor == "priority")];
            proposal.UnmatchedReason = null;
        }
        proposal.Locked = true;
        var matched = run.Proposals.Where(p => p.MentorId is not null).ToList();
        run.Matched = matched.Count;
        run.Unmatched = run.Proposals.Count - matched.Count;
        run.PrioritySum = matched.Sum(p => p.Priority);
        run.ScoreSum = Math.Round(matched.Sum(p => p.Score), 4);
        // After a manual change the proposal is the admin's, no longer the engine's proven optimum.
        run.Optimal = false;
        await db.SaveChangesAsync(cancellationToken);
        return proposal;
    }

    /// <summary>Turns the proposal into mentorships, all at once or not at all.</summary>
    public async Task<Outcome<int>> PublishAsync(int runId, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync<Outcome<int>>(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var run = await db.MatchRuns.Include(r => r.Proposals).SingleOrDefaultAsync(r => r.Id == runId, cancellationToken);
            if (run is null)
            {
                return Outcome.Invalid("runId", "no such matching run");
            }
            if (run.Status != MatchRunStatus.Proposed)
            {
                return Outcome.Invalid("runId", $"this run is {run.Status.ToString().ToLowerInvariant()}: only a proposal under review can be published");
            }
            var now = clock.GetCurrentInstant();
            var alreadyMatched = await db.Mentorships
                .Where(m => m.ProgramId == run.ProgramId && m.Status == MentorshipStatus.Active).Select(m => m.MenteeId).ToListAsync(cancellationToken);
            var created = 0;
            foreach (var proposal in run.Proposals.Where(p => p.MentorId is not null && !alreadyMatched.Contains(p.MenteeId)))
            {
                db.Mentorships.Add(new Mentorship
                {
                    ProgramId = run.ProgramId, MentorId = proposal.MentorId!.Value, MenteeId = proposal.MenteeId,
                    Score = proposal.Score, Reasons = proposal.Reasons.Where(r => r.Factor != "priority").ToList(), CreatedAt = now,
                });
                created++;
            }
            run.Status = MatchRunStatus.Published;
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return created;
        });
    }

    /// <summary>Eligible mentors for one mentee of a proposal, best fit first, with the room each has left.</summary>
    public async Task<List<(MentorSeat Seat, PairScore Score, int Proposed)>> AlternativesAsync(int runId, int proposalId, CancellationToken cancellationToken)
    {
        var run = await db.MatchRuns.AsNoTracking().Include(r => r.Proposals).SingleAsync(r => r.Id == runId, cancellationToken);
        var proposal = run.Proposals.Single(p => p.Id == proposalId);
        var input = await MatchingInput.LoadAsync(db, run.ProgramId, clock.GetCurrentInstant(), cancellationToken);
        var mentee = await MenteeProfileAsync(run.ProgramId, proposal.MenteeId, cancellationToken);
        return Alternatives(input!, run, mentee);
    }

    /// <summary>
    /// The best <paramref name="best"/> mentors a review page offers each of its lines (eligible, with
    /// room left in this proposal, best fit first), and the line's own mentor, by proposal id. Only the
    /// page's mentees are loaded and scored, so a page of a 10,000-mentee proposal costs a page.
    /// </summary>
    public async Task<Dictionary<int, List<(MentorSeat Seat, double Score, int Proposed)>>> AlternativesAsync(
        int runId, IReadOnlyList<MatchProposal> lines, int best, CancellationToken cancellationToken)
    {
        if (lines.Count == 0)
        {
            return [];
        }
        var programId = await db.MatchRuns.Where(r => r.Id == runId).Select(r => r.ProgramId).SingleAsync(cancellationToken);
        var menteeIds = lines.Select(p => p.MenteeId).Distinct().ToList();
        var proposed = await db.MatchProposals.Where(p => p.RunId == runId && p.MentorId != null)
            .GroupBy(p => p.MentorId!.Value).Select(g => new { Mentor = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Mentor, g => g.Count, cancellationToken);
        // A list offers the line's own mentor and mentors with room left in this proposal: only those are
        // loaded and scored (in a full proposal that is a handful of the program's mentors, not all of them).
        var load = await db.Mentorships.Where(m => m.ProgramId == programId && m.Status == MentorshipStatus.Active)
            .GroupBy(m => m.MentorId).Select(g => new { Mentor = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Mentor, g => g.Count, cancellationToken);
        var withRoom = (await db.Enrollments.Where(e => e.ProgramId == programId && e.Role == EnrollmentRole.Mentor)
                .Select(e => new { e.PersonId, e.Capacity }).ToListAsync(cancellationToken))
            .Where(e => Math.Max(0, e.Capacity - load.GetValueOrDefault(e.PersonId)) - proposed.GetValueOrDefault(e.PersonId) > 0)
            .Select(e => e.PersonId);
        var mentorIds = withRoom.Concat(lines.Where(l => l.MentorId is not null).Select(l => l.MentorId!.Value)).ToHashSet();
        var input = await MatchingInput.LoadAsync(db, programId, clock.GetCurrentInstant(), cancellationToken, onlyMentees: menteeIds, onlyMentors: mentorIds);
        var mentees = await db.Enrollments.AsNoTracking().Include(e => e.Person).ThenInclude(p => p!.Office)
            .Where(e => e.ProgramId == programId && menteeIds.Contains(e.PersonId))
            .ToDictionaryAsync(e => e.PersonId, MatchingInput.Profile, cancellationToken);
        var scorer = input!.Scorer();
        var seats = input.Mentors.Select(seat => (Seat: seat, Prepared: scorer.Prepare(seat.Profile), Proposed: proposed.GetValueOrDefault(seat.Profile.PersonId))).ToList();
        var options = new Dictionary<int, List<(MentorSeat Seat, double Score, int Proposed)>>();
        foreach (var line in lines.Where(l => mentees.ContainsKey(l.MenteeId)))
        {
            var mentee = scorer.Prepare(mentees[line.MenteeId]);
            options[line.Id] = seats
                .Where(s => s.Seat.Profile.PersonId == line.MentorId || (s.Seat.FreeCapacity - s.Proposed > 0 && scorer.Forbids(s.Prepared, mentee) == 0))
                .Select(s => (s.Seat, Score: scorer.Score(s.Prepared, mentee), s.Proposed))
                .OrderByDescending(s => s.Seat.Profile.PersonId == line.MentorId).ThenByDescending(s => s.Score).ThenBy(s => s.Seat.Profile.Name)
                .Take(best + 1)
                .OrderByDescending(s => s.Score)
                .ToList();
        }
        return options;
    }

    private static List<(MentorSeat Seat, PairScore Score, int Proposed)> Alternatives(MatchingInput input, MatchRun run, MatchProfile mentee) =>
        input.Mentors
            .Where(seat => input.Eligibility.Forbids(seat.Profile, mentee) is null)
            .Select(seat => (seat, input.Score(seat.Profile, mentee), run.Proposals.Count(p => p.MentorId == seat.Profile.PersonId)))
            .OrderByDescending(x => x.Item2.Score)
            .ToList();

    private async Task<MatchProfile> MenteeProfileAsync(int programId, int menteeId, CancellationToken cancellationToken)
    {
        var enrollment = await db.Enrollments.AsNoTracking().Include(e => e.Person).ThenInclude(p => p!.Office)
            .SingleAsync(e => e.ProgramId == programId && e.PersonId == menteeId, cancellationToken);
        return MatchingInput.Profile(enrollment);
    }

    private async Task<Outcome<MatchProposal>> ReviewableAsync(int runId, int proposalId, CancellationToken cancellationToken)
    {
        var run = await db.MatchRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, cancellationToken);
        if (run is null)
        {
            return Outcome.Invalid("runId", "no such matching run");
        }
        if (run.Status != MatchRunStatus.Proposed)
        {
            return Outcome.Invalid("runId", $"this run is {run.Status.ToString().ToLowerInvariant()}: only a proposal under review can change");
        }
        var proposal = await db.MatchProposals.SingleOrDefaultAsync(p => p.Id == proposalId && p.RunId == runId, cancellationToken);
        if (proposal is null)
        {
            return Outcome.Invalid("proposalId", "no such line in this proposal");
        }
        return proposal;
    }

    private Task<MatchRun?> LatestProposalAsync(int programId, int excluding, CancellationToken cancellationToken) =>
        db.MatchRuns
            .Where(r => r.ProgramId == programId && r.Status == MatchRunStatus.Proposed && r.Id != excluding)
            .OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Wall and CPU time of a run's steps, for the log: on a busy machine the CPU time is the figure that holds.</summary>
    private sealed class RunClock
    {
        private readonly System.Diagnostics.Stopwatch wall = System.Diagnostics.Stopwatch.StartNew();
        private readonly TimeSpan cpuAtStart = CpuNow();
        private TimeSpan lastWall;
        private TimeSpan lastCpu;

        private RunClock() => lastCpu = cpuAtStart;

        public static RunClock Start() => new();

        /// <summary>The step since the last lap, as "1234 ms (CPU 2345 ms)".</summary>
        public string Lap()
        {
            var (w, c) = (wall.Elapsed, CpuNow());
            var text = Text(w - lastWall, c - lastCpu);
            (lastWall, lastCpu) = (w, c);
            return text;
        }

        public string Total() => Text(wall.Elapsed, CpuNow() - cpuAtStart);

        private static string Text(TimeSpan w, TimeSpan c) =>
            FormattableString.Invariant($"{w.TotalMilliseconds:0} ms (CPU {c.TotalMilliseconds:0} ms)");

        private static TimeSpan CpuNow() => System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
    }

    private static string Summarise(PairScorer scorer, List<(int Rule, int Count)> rules) =>
        string.Join("; ", rules.OrderByDescending(r => r.Count).Select(r => $"{r.Count} mentor{(r.Count == 1 ? "" : "s")} {scorer.Rule(r.Rule)}"));
}

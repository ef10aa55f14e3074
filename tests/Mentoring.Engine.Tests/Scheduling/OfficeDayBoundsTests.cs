using Mentoring.Engine.Scheduling;

namespace Mentoring.Engine.Tests.Scheduling;

/// <summary>The per-person office-day bound against trying every day set.</summary>
public sealed class OfficeDayBoundsTests
{
    [Fact]
    public void Bound_equals_the_fewest_days_found_by_trying_every_day_set()
    {
        for (var seed = 0; seed < 400; seed++)
        {
            var random = new Random(seed);
            var dayCount = random.Next(1, 7);
            var sessions = Enumerable.Range(0, random.Next(1, 7))
                .Select(_ => (Lunch: random.Next(2) == 0, Days: Enumerable.Range(0, dayCount).Where(_ => random.Next(3) == 0).ToArray()))
                .Where(s => s.Days.Length > 0)
                .ToList();
            var bound = OfficeDayBounds.Compute(sessions);

            // Every subset of days; the most sessions that fit, then the fewest days that hold that many.
            var best = (Most: 0, Days: 0);
            for (var mask = 0; mask < 1 << dayCount; mask++)
            {
                var fit = MostThatFit(sessions, mask);
                var days = int.PopCount(mask);
                if (fit > best.Most || (fit == best.Most && days < best.Days))
                {
                    best = (fit, days);
                }
            }
            Assert.Equal(best, (bound.MostSessions, bound.FewestDays));
            if (bound.Days is { } chosen)
            {
                Assert.Equal(bound.FewestDays, chosen.Length);
                Assert.Equal(bound.MostSessions, MostThatFit(sessions, chosen.Sum(d => 1 << d)));
            }
        }
    }

    /// <summary>By exhaustive search: each session on one of its days in the mask, one lunch and two others per day.</summary>
    private static int MostThatFit(List<(bool Lunch, int[] Days)> sessions, int mask)
    {
        var lunches = new int[32];
        var halves = new int[32];
        return Place(0);

        int Place(int i)
        {
            if (i == sessions.Count)
            {
                return 0;
            }
            var most = Place(i + 1);
            foreach (var d in sessions[i].Days.Where(d => (mask & (1 << d)) != 0))
            {
                var load = sessions[i].Lunch ? lunches : halves;
                if (load[d] < (sessions[i].Lunch ? 1 : 2))
                {
                    load[d]++;
                    most = Math.Max(most, 1 + Place(i + 1));
                    load[d]--;
                }
            }
            return most;
        }
    }
}

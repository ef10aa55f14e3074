using Mentoring.Domain;
using Mentoring.Features.Matching;
using NodaTime;

namespace Mentoring.Tests.Matching;

/// <summary>The fast scorer used for every pair of a run gives exactly the score and the rule of the one that writes the reasons.</summary>
public sealed class PairScorerTests
{
    private static readonly string[] Words = ["Curiosity", "curiosity", "honesty", "craft", "Chess", "running", "public speaking", "negotiation", "system design", "writing"];
    private static readonly string?[] Zones = ["Europe/Berlin", "America/New_York", "Asia/Singapore", null, "Not/AZone"];

    [Theory]
    [InlineData(false, false, false)]
    [InlineData(true, true, true)]
    public void Scores_and_rules_equal_those_of_PairScoring_and_MatchEligibility(bool reverse, bool sameOfficeOnly, bool noRepeats)
    {
        var random = new Random(5);
        List<string> Some(int most) => Enumerable.Range(0, random.Next(most + 1)).Select(_ => Words[random.Next(Words.Length)]).ToList();
        var people = Enumerable.Range(1, 60).Select(id => new MatchProfile(
            id, $"Person {id}", random.Next(1, 6), random.Next(4) switch { 0 => null, 1 => " ", 2 => "Sales", _ => "sales" },
            random.Next(3) == 0 ? null : random.Next(1, 3), random.Next(4) == 0 ? "" : "Office", Zones[random.Next(Zones.Length)],
            Some(3), Some(3), Some(3), random.Next(3) == 0 ? "" : "Get better at public speaking and writing, (negotiating) too")
        {
            Languages = Some(2),
            HopesToGet = Some(2),
            HopesToGive = Some(2),
            WorkdayStart = random.Next(3) == 0 ? new LocalTime(7, 30) : null,
            WorkdayEnd = random.Next(3) == 0 ? new LocalTime(15, 0) : null,
        }).ToList();
        var managerOf = people.ToDictionary(p => p.PersonId, p => p.PersonId > 5 ? (int?)random.Next(1, p.PersonId) : null);
        var earlier = Enumerable.Range(0, 40).Select(_ => (random.Next(1, 61), random.Next(1, 61))).ToHashSet();
        var settings = new MatchingSettings
        {
            MinimumLevelGap = 1, SameOfficeOnly = sameOfficeOnly, NoRepeatPairings = noRepeats, TimeZoneWeight = 2, SameOfficeWeight = 1.5,
        };
        var on = new LocalDate(2026, 3, 30);
        var eligibility = new MatchEligibility(settings, reverse, managerOf, earlier);
        var scorer = new PairScorer(settings, reverse, on, managerOf, earlier);
        var prepared = people.Select(scorer.Prepare).ToList();
        var allowed = 0;
        for (var a = 0; a < people.Count; a++)
        {
            for (var b = 0; b < people.Count; b++)
            {
                Assert.Equal(PairScoring.Score(people[a], people[b], settings, reverse, on).Score, scorer.Score(prepared[a], prepared[b]));
                var rule = scorer.Forbids(prepared[a], prepared[b]);
                Assert.Equal(eligibility.Forbids(people[a], people[b]), rule == 0 ? null : scorer.Rule(rule));
                allowed += rule == 0 ? 1 : 0;
            }
        }
        Assert.InRange(allowed, 1, people.Count * people.Count - 1);
    }
}

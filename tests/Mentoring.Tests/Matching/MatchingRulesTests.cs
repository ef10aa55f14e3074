using Mentoring.Domain;
using Mentoring.Features.Matching;
using NodaTime;

namespace Mentoring.Tests.Matching;

/// <summary>The scoring, priority and eligibility rules of docs/matching.md.</summary>
public sealed class MatchingRulesTests
{
    private static readonly LocalDate January = new(2026, 1, 15);

    private static MatchProfile Person(int id, int level, string department = "Engineering", int? office = 1, string zone = "Europe/London",
        string[]? values = null, string[]? interests = null, string[]? skills = null, string goals = "") =>
        new(id, $"P{id}", level, department, office, office is null ? null : $"Office {office}", zone,
            values ?? [], interests ?? [], skills ?? [], goals);

    [Fact]
    public void A_strong_pair_scores_higher_than_a_weak_one_and_explains_why()
    {
        var settings = new MatchingSettings();
        var mentee = Person(1, 1, "Sales", values: ["curiosity", "candour"], interests: ["chess"], goals: "Get better at public speaking and negotiation");
        var strong = Person(2, 3, "Engineering", values: ["curiosity", "candour"], interests: ["chess"], skills: ["public speaking", "negotiation"]);
        var weak = Person(3, 2, "Sales", office: 2, zone: "Asia/Kolkata", values: ["ownership"], skills: ["sql"]);

        var good = PairScoring.Score(strong, mentee, settings, reverse: false, January);
        var poor = PairScoring.Score(weak, mentee, settings, reverse: false, January);
        Assert.True(good.Score > poor.Score, $"{good.Score} should beat {poor.Score}");
        Assert.InRange(good.Score, 0, 1);
        Assert.Equal(Math.Round(good.Score, 4), good.Score);
        Assert.Equal(1.0, good.Reasons.Sum(r => r.Share), 2);
        Assert.Equal(good.Reasons.OrderByDescending(r => r.Share).Select(r => r.Factor), good.Reasons.Select(r => r.Factor));
        Assert.Contains(good.Reasons, r => r.Factor == "skills" && r.Text.Contains("public speaking and negotiation", StringComparison.Ordinal));
        Assert.Contains(good.Reasons, r => r.Text == "Both value curiosity and candour");
        Assert.Contains(good.Reasons, r => r.Text == "A view from outside the team: Engineering and Sales");
    }

    [Fact]
    public void Weights_decide_what_counts()
    {
        var mentee = Person(1, 1, "Sales");
        var sameDepartment = Person(2, 3, "Sales");
        var otherDepartment = Person(3, 3, "Finance");
        var onlyDepartment = new MatchingSettings
        {
            ValuesWeight = 0, InterestsWeight = 0, SkillsWeight = 0, LevelGapWeight = 0, TimeZoneWeight = 0, SameOfficeWeight = 0, CrossDepartmentWeight = 1,
        };
        Assert.Equal(0, PairScoring.Score(sameDepartment, mentee, onlyDepartment, false, January).Score);
        Assert.Equal(1, PairScoring.Score(otherDepartment, mentee, onlyDepartment, false, January).Score);
    }

    [Theory]
    [InlineData("Europe/London", "Europe/London", 8)]
    [InlineData("Europe/London", "America/New_York", 3)]
    [InlineData("Europe/London", "Asia/Kolkata", 2.5)]
    [InlineData("America/Los_Angeles", "Asia/Kolkata", 0)]
    public void Working_hours_overlap_between_zones(string a, string b, double hours) =>
        Assert.Equal(hours, PairScoring.WorkingHoursOverlap(a, b, January));

    [Fact]
    public void Working_hours_overlap_follows_summer_time()
    {
        // London moves to 08–16 UTC in July; Kolkata stays at 03:30–11:30 UTC.
        Assert.Equal(2.5, PairScoring.WorkingHoursOverlap("Europe/London", "Asia/Kolkata", January));
        Assert.Equal(3.5, PairScoring.WorkingHoursOverlap("Europe/London", "Asia/Kolkata", new LocalDate(2026, 7, 15)));
    }

    [Fact]
    public void Skills_meet_goals_on_word_stems()
    {
        Assert.Equal(["presentation skills"], PairScoring.SkillsMatchingGoals(["presentation skills", "sql"], "Improve my presenting skill"));
        Assert.Empty(PairScoring.SkillsMatchingGoals(["system design"], "learn design thinking"));
    }

    [Fact]
    public void Priority_reaches_the_quiet_new_joiner_first()
    {
        var settings = new MatchingSettings();
        var today = new LocalDate(2026, 11, 23);
        var (newJoiner, why) = MenteePriority.Compute(settings, hadMentorBefore: false, new LocalDate(2026, 6, 1), today, flagged: false);
        Assert.Equal(7, newJoiner);
        Assert.Equal(["has not had a mentor yet", "joined in the last year"], why);
        Assert.Equal(0, MenteePriority.Compute(settings, true, new LocalDate(2020, 1, 1), today, false).Priority);
        Assert.Equal(9, MenteePriority.Compute(settings, false, new LocalDate(2026, 6, 1), today, flagged: true).Priority);
        Assert.Equal(2, MenteePriority.Compute(settings, true, null, today, flagged: true).Priority);
    }

    [Fact]
    public void Hard_rules_forbid_self_reporting_line_gap_office_and_repeats()
    {
        // 10 manages 11 manages 12.
        var managers = new Dictionary<int, int?> { [11] = 10, [12] = 11 };
        var settings = new MatchingSettings { MinimumLevelGap = 1, SameOfficeOnly = false, NoRepeatPairings = true };
        var rules = new MatchEligibility(settings, reverse: false, managers, new HashSet<(int, int)> { (20, 21) });
        var boss = Person(10, 4);
        var grandReport = Person(12, 1);
        Assert.Equal("in the same reporting line", rules.Forbids(boss, grandReport));
        Assert.Equal("in the same reporting line", rules.Forbids(grandReport, boss));
        Assert.Equal("the same person", rules.Forbids(boss, boss));
        Assert.Equal("fewer than 1 level(s) apart", rules.Forbids(Person(30, 2), Person(31, 2)));
        Assert.Equal("paired before", rules.Forbids(Person(20, 4), Person(21, 1)));
        Assert.Null(rules.Forbids(Person(40, 4), Person(41, 1)));

        var sameOffice = new MatchEligibility(new MatchingSettings { SameOfficeOnly = true }, false, managers, new HashSet<(int, int)>());
        Assert.Equal("not in the same office", sameOffice.Forbids(Person(50, 4, office: 1), Person(51, 1, office: 2)));

        var reverse = new MatchEligibility(new MatchingSettings(), reverse: true, managers, new HashSet<(int, int)>());
        Assert.Null(reverse.Forbids(Person(60, 1), Person(61, 5)));
        Assert.NotNull(reverse.Forbids(Person(62, 5), Person(63, 1)));
    }
}

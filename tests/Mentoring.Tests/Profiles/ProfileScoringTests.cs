using Mentoring.Domain;
using Mentoring.Features.Matching;
using Mentoring.Features.Profiles;
using NodaTime;

namespace Mentoring.Tests.Profiles;

/// <summary>How the profile people keep reaches the scoring: their own hours, languages, hopes; and no reason without its data.</summary>
public sealed class ProfileScoringTests
{
    private static readonly LocalDate January = new(2026, 1, 15);

    private static MatchProfile Person(int id, int level, string? zone = null, string? department = null, int? office = null, string? officeName = null) =>
        new(id, "P" + id, level, department, office, officeName, zone, [], [], [], "");

    private static readonly MatchingSettings Settings = new();

    [Fact]
    public void Without_zones_there_is_no_working_hours_reason_and_no_points_for_it()
    {
        var mentor = Person(1, 3);
        var mentee = Person(2, 1);
        var score = PairScoring.Score(mentor, mentee, Settings, reverse: false, January);
        Assert.DoesNotContain(score.Reasons, r => r.Factor == "timeZone");
        Assert.Equal(0, PairScoring.WorkingHoursOverlap(null, "Europe/London", January));
        // One zone known is not enough either.
        var half = PairScoring.Score(mentor with { TimeZone = "Europe/London" }, mentee, Settings, reverse: false, January);
        Assert.DoesNotContain(half.Reasons, r => r.Factor == "timeZone");
        Assert.Equal(score.Score, half.Score);
        // With both zones known the same, the reason is there and earns its weight.
        var both = PairScoring.Score(mentor with { TimeZone = "Europe/London" }, mentee with { TimeZone = "Europe/London" }, Settings, reverse: false, January);
        Assert.Contains(both.Reasons, r => r.Text == "Same working hours");
        Assert.True(both.Score > score.Score);
    }

    [Fact]
    public void Blank_departments_and_offices_give_no_reason()
    {
        var score = PairScoring.Score(Person(1, 3, department: " ", office: 4), Person(2, 1, department: "Sales", office: 4), Settings, reverse: false, January);
        Assert.DoesNotContain(score.Reasons, r => r.Factor is "department" or "office" or "interests" or "values" or "skills");
        Assert.Equal(["level"], score.Reasons.Select(r => r.Factor));
    }

    [Fact]
    public void The_working_hours_overlap_uses_each_persons_own_hours()
    {
        // In January London works 09–17 UTC and New York 14–22 UTC: three hours in common.
        var london = Person(1, 3, "Europe/London");
        var newYork = Person(2, 1, "America/New_York");
        Assert.Equal((3.0, 8.0), PairScoring.WorkingHoursFit(london, newYork, January));
        // A New Yorker who starts at 06:00 (11:00 UTC) shares six hours.
        var early = newYork with { WorkdayStart = new LocalTime(6, 0), WorkdayEnd = new LocalTime(14, 0) };
        Assert.Equal((6.0, 8.0), PairScoring.WorkingHoursFit(london, early, January));
        var reason = PairScoring.Score(london, early, Settings, reverse: false, January).Reasons.Single(r => r.Factor == "timeZone");
        Assert.Equal("6 working hours overlap for video calls", reason.Text);
        // A short day inside the other's counts as the same hours.
        var parttime = Person(3, 1, "Europe/London") with { WorkdayStart = new LocalTime(10, 0), WorkdayEnd = new LocalTime(14, 0) };
        Assert.Equal((4.0, 4.0), PairScoring.WorkingHoursFit(london, parttime, January));
        Assert.Contains(PairScoring.Score(london, parttime, Settings, reverse: false, January).Reasons, r => r.Text == "Same working hours");
    }

    [Fact]
    public void Shared_languages_and_hopes_are_reasons_only_when_both_said_them()
    {
        var mentor = Person(1, 3) with { Languages = ["English", "Spanish"], HopesToGive = ["code review", "public speaking"] };
        var mentee = Person(2, 1) with { Languages = ["spanish"], HopesToGet = ["Public speaking"] };
        var score = PairScoring.Score(mentor, mentee, Settings, reverse: false, January);
        Assert.Contains(score.Reasons, r => r.Factor == "languages" && r.Text == "Both speak Spanish");
        Assert.Contains(score.Reasons, r => r.Factor == "hopes" && r.Text == "P1 hopes to give public speaking, which P2 hopes to get");

        // Nothing said on one side: the factors stay out, and the score is what it was without profiles.
        var silent = PairScoring.Score(mentor, Person(2, 1), Settings, reverse: false, January);
        Assert.Equal(PairScoring.Score(Person(1, 3), Person(2, 1), Settings, reverse: false, January).Score, silent.Score);
        Assert.DoesNotContain(silent.Reasons, r => r.Factor is "languages" or "hopes");

        // No language in common lowers the score.
        var apart = PairScoring.Score(mentor, mentee with { Languages = ["Japanese"], HopesToGet = [] }, Settings, reverse: false, January);
        Assert.True(apart.Score < PairScoring.Score(Person(1, 3), Person(2, 1), Settings, reverse: false, January).Score);
    }

    [Theory]
    [InlineData(MeetingMode.Either, new string[0], true)]
    [InlineData(MeetingMode.Either, new[] { "virtual-coffee", "virtual-checkin" }, false)]
    [InlineData(MeetingMode.Either, new[] { "virtual-coffee", "lunch" }, true)]
    [InlineData(MeetingMode.InPerson, new[] { "virtual-coffee" }, true)]
    [InlineData(MeetingMode.Virtual, new[] { "lunch" }, false)]
    public void Preferred_formats_decide_in_person_when_the_program_choice_is_open(MeetingMode mode, string[] formats, bool inPerson) =>
        Assert.Equal(inPerson, ProfileFormats.MeetsInPerson(mode, new Person { ExternalId = "x", Name = "x", PreferredFormats = [.. formats] }));
}

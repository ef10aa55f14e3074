using System.Text;
using Mentoring.Engine.Common;
using Mentoring.Engine.Roulette;
using NodaTime;

namespace Mentoring.Engine.Tests.Roulette;

public class WorkingHoursTests
{
    [Theory]
    [InlineData("Europe/London", "America/New_York", true)]       // 09–17 and 14–22 UTC
    [InlineData("Asia/Kolkata", "Europe/Berlin", true)]           // 03:30–11:30 and 08–16 UTC
    [InlineData("America/Los_Angeles", "Asia/Kolkata", false)]    // 17–01 and 03:30–11:30 UTC
    [InlineData("Europe/Berlin", "Asia/Tokyo", false)]            // 08–16 and 00–08 UTC
    [InlineData("America/New_York", "America/Los_Angeles", true)] // 14–22 and 17–01 UTC
    public void Working_days_overlap_by_an_hour_on_the_default_date(string a, string b, bool expected)
    {
        var zones = new[] { DateTimeZoneProviders.Tzdb[a], DateTimeZoneProviders.Tzdb[b] };
        var overlap = WorkingHours.OverlapMatrix(zones, RouletteProblem.DefaultDate);
        Assert.Equal(expected, overlap[1]);
        Assert.Equal(expected, overlap[2]);
        Assert.True(overlap[0] && overlap[3]);
    }

    [Fact]
    public void Summer_time_changes_the_answer_and_the_problem_date_is_used()
    {
        // In July Berlin works 07–15 UTC: one hour in common with Tokyo's 00–08 UTC.
        const string People = """[{"id":"b","timeZone":"Europe/Berlin"},{"id":"t","timeZone":"Asia/Tokyo"}]""";
        var winter = RouletteProblem.Parse(Encoding.UTF8.GetBytes($$"""{"participants":{{People}},"history":[]}"""));
        var summer = RouletteProblem.Parse(Encoding.UTF8.GetBytes($$"""{"participants":{{People}},"history":[],"date":"2026-07-06"}"""));

        Assert.False(winter.ZoneOverlap[1]);
        Assert.True(summer.ZoneOverlap[1]);
    }
}

using System.Globalization;
using Mentoring.Domain;
using NodaTime;
using NodaTime.Text;

namespace Mentoring.Features.Shared;

/// <summary>How the pages write dates, numbers and the domain's names, the same way everywhere.</summary>
public static class Display
{
    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en-GB");
    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Create("d MMM yyyy", Culture);
    private static readonly LocalDatePattern DayPattern = LocalDatePattern.Create("ddd d MMM yyyy", Culture);
    private static readonly LocalDatePattern DayMonthPattern = LocalDatePattern.Create("d MMM", Culture);
    private static readonly LocalTimePattern TimePattern = LocalTimePattern.Create("HH:mm", Culture);

    public static string Date(LocalDate? date) => date is { } d ? DatePattern.Format(d) : "—";

    public static string Date(DateOnly date) => Date(LocalDate.FromDateOnly(date));

    /// <summary>A day without its year, for the labels of a chart.</summary>
    public static string DayMonth(DateOnly date) => DayMonthPattern.Format(LocalDate.FromDateOnly(date));

    /// <summary>A moment in UTC, said so: the reader's own zone is not known to the server.</summary>
    public static string Moment(DateTimeOffset? moment) =>
        moment is { } m ? m.UtcDateTime.ToString("d MMM yyyy, HH:mm", Culture) + " UTC" : "—";

    /// <summary>A day with its weekday, as people plan office days.</summary>
    public static string Day(LocalDate date) => DayPattern.Format(date);

    /// <summary>A session's hours in the zone it was planned in, which is named (the reader may be elsewhere).</summary>
    public static string Hours(Instant start, Instant end, string zoneId)
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId) ?? DateTimeZone.Utc;
        return $"{TimePattern.Format(start.InZone(zone).TimeOfDay)}–{TimePattern.Format(end.InZone(zone).TimeOfDay)} {zone.Id}";
    }

    public static string SessionStatus(SessionStatus status) => status switch
    {
        Domain.SessionStatus.Proposed => "Proposed",
        Domain.SessionStatus.Accepted => "Accepted",
        _ => "Withdrawn",
    };

    public static string Response(AttendeeResponse response) => response switch
    {
        AttendeeResponse.Accepted => "accepted",
        AttendeeResponse.Declined => "declined",
        AttendeeResponse.AnotherTime => "asked for another time",
        _ => "not answered yet",
    };

    /// <summary>A sentence from the engine or a rule, starting with a capital.</summary>
    public static string Sentence(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    public static string Number(int n) => n.ToString("N0", Culture);

    public static string Count(int n, string one, string many) => $"{Number(n)} {(n == 1 ? one : many)}";

    public static string Level(int level) => level switch
    {
        1 => "1 · junior",
        5 => "5 · executive",
        _ => level.ToString(Culture),
    };

    public static string Kind(ProgramKind kind) => kind switch
    {
        ProgramKind.Mentoring => "Mentoring",
        ProgramKind.ReverseMentoring => "Reverse mentoring",
        ProgramKind.CoffeeRoulette => "Coffee roulette",
        ProgramKind.Group => "Group mentoring",
        _ => kind.ToString(),
    };

    public static string Status(ProgramStatus status) => status.ToString();

    public static string Role(EnrollmentRole role) => role.ToString();

    public static string Mode(MeetingMode mode) => mode switch
    {
        MeetingMode.InPerson => "In person",
        MeetingMode.Virtual => "Virtual",
        _ => "Either",
    };

    /// <summary>A fraction of 1 as a whole percentage: 0.342 is "34%".</summary>
    public static string Percent(double fraction) => (fraction * 100).ToString("0", Culture) + "%";

    /// <summary>A match score (0 to 1) as matching reports it.</summary>
    public static string Score(double score) => score.ToString("0.00", Culture);

    /// <summary>A moment in a named zone, said so: "Mon 7 Dec 2026, 09:00 Europe/London".</summary>
    public static string Moment(Instant moment, string zoneId)
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId) ?? DateTimeZone.Utc;
        return moment.InZone(zone).ToString("ddd d MMM yyyy, HH:mm", Culture) + " " + zone.Id;
    }

    public static string Mode(MatchingMode mode) => mode switch
    {
        MatchingMode.MenteeChoice => "Mentees choose their mentor",
        _ => "The admin proposes the matches",
    };

    public static string Scope(PilotScope? scope) => scope switch
    {
        PilotScope.OnePair => "One pair",
        PilotScope.OneTeam => "One team",
        PilotScope.OneDepartment => "One department",
        _ => "The whole company",
    };

    public static string Cadence(RouletteCadence cadence) => cadence switch
    {
        RouletteCadence.Weekly => "Weekly",
        RouletteCadence.Monthly => "Monthly",
        _ => "Every two weeks",
    };

    public static string Mix(RouletteMix mix) => mix switch
    {
        RouletteMix.Office => "Different offices",
        RouletteMix.Level => "Different levels",
        _ => "Different departments",
    };

    /// <summary>An activity format's kind (<c>virtual-coffee</c>) as words (<c>virtual coffee</c>).</summary>
    public static string Format(string kind) => kind == ActivityFormats.VirtualCheckin ? "virtual check-in" : kind.Replace('-', ' ');
}

using System.Globalization;

namespace Mentoring.Features.Reports;

/// <summary>The plain sentences under the report's charts, shared by the page and the PDF.</summary>
public static class ReportText
{
    public static string Percent(double? rate) => rate is { } r ? (r * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%" : "–";

    public static string Number(double? value) => value is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) : "–";

    private static string Share(int part, int whole) => whole == 0 ? "none" : Percent((double)part / whole);

    public static string Coverage(ProgramReport r) =>
        $"Of {r.Coverage.Juniors} juniors on the roster, {r.Coverage.Enrolled} enrolled, {r.Coverage.Matched} were matched and "
        + $"{r.Coverage.Reached} had at least one session ({Share(r.Coverage.Reached, r.Coverage.Juniors)} of all juniors); "
        + $"{r.Coverage.ReachedWithin30Days} had their first within 30 days of being matched"
        + (r.Coverage.MedianDaysToFirstSession is { } m ? $", after {Number(m)} days at the median." : ".");

    public static string Equity(ProgramReport r)
    {
        var hidden = r.Equity.Segments.Count(s => s.Hidden);
        return "Each bar is the share of a segment's juniors who had a session. "
            + (r.Equity.Gini is { } g ? $"The Gini coefficient of sessions across enrolled juniors is {Number(g)} (0 is perfectly even). " : "No enrolled junior has had a session yet. ")
            + (hidden > 0 ? $"{hidden} segment{(hidden == 1 ? " is" : "s are")} hidden: fewer than {r.MinGroup} juniors, or the one that would give a hidden segment away." : "");
    }

    public static string OfficeDays(ProgramReport r) =>
        r.OfficeDays.Hosts == 0
            ? "No host has held a session yet."
            : $"Over {r.OfficeDays.Weeks} week{(r.OfficeDays.Weeks == 1 ? "" : "s")}, {r.OfficeDays.Hosts} host{(r.OfficeDays.Hosts == 1 ? "" : "s")} came in on "
              + $"{r.OfficeDays.HostOfficeDays} office day{(r.OfficeDays.HostOfficeDays == 1 ? "" : "s")} for the program ({Number(r.OfficeDays.PerHostPerWeek)} a week each); "
              + $"a {r.OfficeDays.MandateDaysPerWeek}-day mandate would have asked {r.OfficeDays.MandateOfficeDays}.";

    public static string Engagement(ProgramReport r)
    {
        var e = r.Engagement;
        return $"{e.Mentorships.Active} mentorships are active and {e.Mentorships.Ended} ended. "
            + $"{e.CheckIns.Logged} of {e.CheckIns.Expected} expected check-ins took place ({Percent(e.CheckIns.Rate)}). "
            + $"{e.Goals.Set} goals set" + (e.Goals.Completed is { } done ? $", {done} completed. " : ". ")
            + (e.SessionRating.Responses > 0 ? $"Sessions were rated {Number(e.SessionRating.Mean)} out of 5 in {e.SessionRating.Responses} ratings. " : "")
            + (e.Roulette.Pairs > 0 ? $"{e.Roulette.Met} of {e.Roulette.Pairs} coffee pairs met ({Percent(e.Roulette.Rate)})." : "");
    }

    public static string CheckIns(ProgramReport r) =>
        r.CheckInsByWeek.Count == 0
            ? "No check-in was planned yet."
            : $"Each week's planned check-ins (light) and those that took place (dark): {r.Engagement.CheckIns.Logged} of {r.Engagement.CheckIns.Expected} in all.";

    public static string Retention(ProgramReport r)
    {
        var m = r.Retention.Mentees;
        var b = r.Retention.NonParticipants;
        if (m.Hidden || b.Hidden)
        {
            return $"Each dot is a group's share who stayed, with its 95% Wilson interval. Groups under {r.MinGroup} people are hidden.";
        }
        return $"Each dot is a group's share who stayed, with its 95% Wilson interval. {Percent(m.Rate)} of mentees stayed against {Percent(b.Rate)} of non-participants "
            + $"(difference {Signed(m.Difference?.Value)}, 95% interval {Signed(m.Difference?.Ci95[0])} to {Signed(m.Difference?.Ci95[1])}; Fisher's exact p = {Number(m.PValue)}).";
    }

    public static string Signed(double? rate) => rate is { } r ? (r >= 0 ? "+" : "−") + Percent(Math.Abs(r)) : "–";

    /// <summary>One line per retention group, for the PDF.</summary>
    public static IEnumerable<(string Name, string Text)> RetentionRows(ProgramReport r)
    {
        foreach (var (name, g) in new[] { ("Mentees", r.Retention.Mentees), ("Mentors", r.Retention.Mentors), ("Participants", r.Retention.Participants) })
        {
            yield return (name, g.Hidden
                ? $"{name}: hidden (fewer than {r.MinGroup})."
                : $"{name}: {g.Stayed} of {g.N} stayed, {Percent(g.Rate)} (95% CI {Percent(g.Ci95?[0])} to {Percent(g.Ci95?[1])}); "
                  + $"difference {Signed(g.Difference?.Value)} ({Signed(g.Difference?.Ci95[0])} to {Signed(g.Difference?.Ci95[1])}), p = {Number(g.PValue)}.");
        }
        var b = r.Retention.NonParticipants;
        yield return ("Non-participants", b.Hidden ? $"Non-participants: hidden (fewer than {r.MinGroup})."
            : $"Non-participants: {b.Stayed} of {b.N} stayed, {Percent(b.Rate)} (95% CI {Percent(b.Ci95?[0])} to {Percent(b.Ci95?[1])}).");
        var a = r.Retention.Adjusted;
        yield return ("Adjusted", a.Hidden ? $"Matched comparison: {a.Pairs} pairs, too few to show."
            : $"Matched comparison, {a.Pairs} pairs: {Percent(a.ParticipantsRate)} of participants stayed against {Percent(a.ControlsRate)} of their controls, "
              + $"difference {Signed(a.Difference?.Value)} ({Signed(a.Difference?.Ci95[0])} to {Signed(a.Difference?.Ci95[1])}). Method: {a.Method}.");
    }
}

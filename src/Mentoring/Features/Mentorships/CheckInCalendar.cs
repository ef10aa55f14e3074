using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Mentoring.Domain;
using Mentoring.Features.Calendar;
using NodaTime;

namespace Mentoring.Features.Mentorships;

/// <summary>
/// The pair's virtual check-in as a recurring iCalendar event (RRULE by the plan's cadence), in the
/// plan's zone, with the call link and both people invited: each adds the same entry to their calendar.
/// </summary>
public static class CheckInCalendar
{
    public static string Write(Mentorship m, MentorshipPlan plan, string? callLink, Instant now)
    {
        var zone = DateTimeZoneProviders.Tzdb[plan.TimeZone];
        var today = now.InZone(zone).Date;
        var first = today.With(DateAdjusters.NextOrSame(plan.Day)).At(plan.Time);
        var calendar = new Ical.Net.Calendar { ProductId = SessionCalendar.ProductId, Method = "PUBLISH" };
        var link = string.IsNullOrWhiteSpace(callLink) ? null : SessionCalendar.SingleLine(callLink.Trim());
        var checkIn = new CalendarEvent
        {
            // One identity per pair and plan version, so a new version replaces the old entry.
            Uid = $"checkin-{m.Id}@mentoring",
            Sequence = plan.Version,
            DtStamp = new CalDateTime(now.ToDateTimeUtc()),
            Start = new CalDateTime(first.ToDateTimeUnspecified(), plan.TimeZone),
            End = new CalDateTime(first.PlusMinutes(30).ToDateTimeUnspecified(), plan.TimeZone),
            Summary = SessionCalendar.SingleLine($"Check-in: {m.Mentor!.Name} and {m.Mentee!.Name}"),
            Description = "Your check-in, as your plan says." + (link is null ? "" : $" Call: {link}"),
            Location = link,
        };
        checkIn.RecurrenceRule = new RecurrencePattern(
            plan.Cadence == PlanCadence.Monthly ? FrequencyType.Monthly : FrequencyType.Weekly, plan.Cadence == PlanCadence.Fortnightly ? 2 : 1)
        {
            Until = plan.EndDate is { } end ? new CalDateTime(end.ToDateTimeUnspecified().Date) : null,
        };
        foreach (var person in new[] { m.Mentor, m.Mentee }.Where(p => p.Email is not null))
        {
            checkIn.Attendees.Add(new Attendee($"mailto:{SessionCalendar.Address(person.Email!)}") { CommonName = SessionCalendar.Parameter(person.Name), Role = "REQ-PARTICIPANT" });
        }
        calendar.Events.Add(checkIn);
        calendar.AddTimeZone(VTimeZone.FromDateTimeZone(plan.TimeZone, now.Minus(NodaTime.Duration.FromDays(366)).ToDateTimeUtc(), includeHistoricalData: false));
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }
}

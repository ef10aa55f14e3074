using Mentoring.Domain;
using NodaTime;

namespace Mentoring.Features.Notifications;

/// <summary>When a person may be sent something, in their own zone: outside their quiet hours and, if they ask, weekends.</summary>
public static class QuietHours
{
    public static bool Allowed(LocalDateTime local, NotificationPreference preference)
    {
        if (preference.QuietWeekends && local.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday)
        {
            return false;
        }
        var (start, end, time) = (preference.QuietStart, preference.QuietEnd, local.TimeOfDay);
        if (start == end)
        {
            return true;
        }
        var quiet = start < end ? time >= start && time < end : time >= start || time < end;
        return !quiet;
    }

    /// <summary>Now when now is allowed, else the first allowed moment after it (the end of the quiet hours, Monday's after a weekend).</summary>
    public static Instant NextAllowed(Instant now, DateTimeZone zone, NotificationPreference preference)
    {
        var local = now.InZone(zone).LocalDateTime;
        if (Allowed(local, preference))
        {
            return now;
        }
        // At most a weekend and a night: each step jumps to the next boundary.
        for (var i = 0; i < 16 && !Allowed(local, preference); i++)
        {
            var time = local.TimeOfDay;
            var weekend = preference.QuietWeekends && local.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday;
            if (weekend)
            {
                local = local.Date.PlusDays(1).AtMidnight();
            }
            else if (time < preference.QuietEnd)
            {
                local = local.Date + preference.QuietEnd;
            }
            else
            {
                local = local.Date.PlusDays(1) + preference.QuietEnd;
            }
        }
        var next = local.InZoneLeniently(zone).ToInstant();
        return next > now ? next : now;
    }
}

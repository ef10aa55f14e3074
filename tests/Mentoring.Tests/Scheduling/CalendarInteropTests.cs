using System.Diagnostics;
using Mentoring.Domain;
using Mentoring.Features.Calendar;
using Mentoring.Features.Scheduling;
using Mentoring.Tests.Support;
using NodaTime;

namespace Mentoring.Tests.Scheduling;

/// <summary>
/// Our .ics files read back by two independent parsers, ical.js (npm) and python3-icalendar
/// (Debian), including a weekly series across the clock change of 25 October 2026 in London and
/// a virtual check-in planned in New York.
/// </summary>
public sealed class CalendarInteropTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("mentoring-ics-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static List<ScheduledSession> Series()
    {
        var london = DateTimeZoneProviders.Tzdb["Europe/London"];
        var newYork = DateTimeZoneProviders.Tzdb["America/New_York"];
        var host = new Person { Id = 1, ExternalId = "1", Name = "Ada Lovelace", Email = "ada@example.com" };
        var mentee = new Person { Id = 2, ExternalId = "2", Name = "Grace Hopper", Email = "grace@example.com" };
        var sessions = new List<ScheduledSession>();
        for (var week = 0; week < 4; week++)
        {
            var date = new LocalDate(2026, 10, 13).PlusWeeks(week);
            var (start, end) = SessionTimes.Place(ActivityFormats.Lunch, date, DaySlot.Lunch, london, [london]);
            sessions.Add(new ScheduledSession
            {
                Kind = ActivityFormats.Lunch, Title = $"Lunch, week {week + 1}", HostId = 1, Host = host, Date = date, Slot = DaySlot.Lunch,
                Start = start, End = end, TimeZone = london.Id, Uid = $"lunch-{week}@mentoring", Sequence = week % 2,
                Status = week == 0 ? SessionStatus.Accepted : SessionStatus.Proposed, Location = "Thames, London office",
                Attendees = [new SessionAttendee { PersonId = 2, Person = mentee, Response = week == 0 ? AttendeeResponse.Accepted : AttendeeResponse.Pending }],
            });
        }
        var (checkIn, checkInEnd) = SessionTimes.Place(ActivityFormats.VirtualCheckin, new LocalDate(2026, 11, 3), DaySlot.Morning, newYork, [london]);
        sessions.Add(new ScheduledSession
        {
            Kind = ActivityFormats.VirtualCheckin, Title = "Check-in", HostId = 2, Host = mentee, Date = new LocalDate(2026, 11, 3), Slot = DaySlot.Morning,
            Start = checkIn, End = checkInEnd, TimeZone = newYork.Id, Uid = "checkin@mentoring", Status = SessionStatus.Cancelled, Sequence = 3,
            Attendees = [new SessionAttendee { PersonId = 1, Person = host }],
        });
        return sessions;
    }

    /// <summary>UID, UTC start, UTC end, status and sequence of every event, as we mean them.</summary>
    private static List<string> Expected() =>
    [
        "lunch-0@mentoring 2026-10-13T11:00:00Z 2026-10-13T12:00:00Z CONFIRMED 0", // BST: 12:00 local is 11:00 UTC
        "lunch-1@mentoring 2026-10-20T11:00:00Z 2026-10-20T12:00:00Z TENTATIVE 1",
        "lunch-2@mentoring 2026-10-27T12:00:00Z 2026-10-27T13:00:00Z TENTATIVE 0", // GMT after 25 October
        "lunch-3@mentoring 2026-11-03T12:00:00Z 2026-11-03T13:00:00Z TENTATIVE 1",
        "checkin@mentoring 2026-11-03T14:00:00Z 2026-11-03T14:30:00Z CANCELLED 3", // 09:00 in New York (EST)
    ];

    private string WriteFile()
    {
        var path = Path.Combine(folder, "series.ics");
        File.WriteAllText(path, SessionCalendar.Write(Series(), "Test", Instant.FromUtc(2026, 10, 1, 8, 0)));
        return path;
    }

    [Fact]
    public void The_file_has_what_rfc_5545_asks_for()
    {
        var ics = File.ReadAllText(WriteFile());
        Assert.StartsWith("BEGIN:VCALENDAR\r\n", ics, StringComparison.Ordinal);
        Assert.Contains("VERSION:2.0", ics, StringComparison.Ordinal);
        Assert.Contains("PRODID:" + SessionCalendar.ProductId, ics, StringComparison.Ordinal);
        Assert.Equal(5, ics.Split("BEGIN:VEVENT").Length - 1);
        Assert.Equal(5, ics.Split("DTSTAMP:20261001T080000Z").Length - 1);
        Assert.Contains("BEGIN:VTIMEZONE\r\nTZID:Europe/London", ics, StringComparison.Ordinal);
        Assert.Contains("TZID:America/New_York", ics, StringComparison.Ordinal);
        // A VTIMEZONE must carry its rules, or clients without a zone database misplace every session.
        Assert.Contains("BEGIN:STANDARD\r\nDTSTART:20241027T020000\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10", ics, StringComparison.Ordinal);
        Assert.Contains("DTSTART;TZID=Europe/London:20261027T120000", ics, StringComparison.Ordinal);
        Assert.All(ics.Split("\r\n"), line => Assert.True(System.Text.Encoding.UTF8.GetByteCount(line) <= 75, $"line longer than 75 octets: {line}"));
    }

    [Fact]
    public void Ical_js_reads_it_as_we_mean_it()
    {
        var script = Path.Combine(RepoPaths.Root, "tests", "tools", "icaljs", "check.mjs");
        Assert.Equal(Expected(), Run("node", script, WriteFile()));
    }

    [Fact]
    public void Python_icalendar_reads_it_as_we_mean_it()
    {
        var script = Path.Combine(RepoPaths.Root, "tests", "tools", "ical_check.py");
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        Assert.Equal(Expected(), Run(python, script, WriteFile()));
    }

    private static List<string> Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} failed: {error}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
    }
}

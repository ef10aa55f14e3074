using Mentoring.Domain;
using Mentoring.Features.Calendar;
using Mentoring.Infrastructure;
using MimeKit;
using NodaTime;

namespace Mentoring.Tests.Notifications;

/// <summary>Weekly invitations across the October clock change, as e-mailed, read back by python3-icalendar and Ical.Net.</summary>
public sealed class InvitationSeriesTests
{
    [Fact]
    public void A_weekly_lunch_stays_at_noon_in_London_across_the_clock_change()
    {
        var zone = DateTimeZoneProviders.Tzdb["Europe/London"];
        var host = new Person { Id = 1, ExternalId = "1", Name = "Ada Host", Email = "ada@example.com", TimeZone = zone.Id };
        var guest = new Person { Id = 2, ExternalId = "2", Name = "Bo Guest", Email = "bo@example.com", TimeZone = zone.Id };
        // 19 and 26 October 2027 are in summer time; the clocks go back on 31 October; 2 and 9 November are in winter time.
        var dates = new[] { new LocalDate(2027, 10, 19), new LocalDate(2027, 10, 26), new LocalDate(2027, 11, 2), new LocalDate(2027, 11, 9) };
        var calendars = dates.Select((date, i) =>
        {
            var start = (date + new LocalTime(12, 0)).InZoneStrictly(zone).ToInstant();
            var session = new ScheduledSession
            {
                Kind = ActivityFormats.Lunch, Title = "Lunch: Ada Host and Bo Guest", HostId = 1, Host = host, Date = date, Start = start,
                End = start + Duration.FromHours(1), TimeZone = zone.Id, Uid = $"series-{i}@mentoring", Location = "Thames, London office",
                Attendees = [new SessionAttendee { PersonId = 2, Person = guest }],
            };
            var row = new Notification
            {
                Id = 100 + i, Channel = "email", Recipient = guest.Email!, Subject = "Invitation", Body = "See you",
                Attachment = SessionCalendar.Write([session], session.Title, Instant.FromUtc(2027, 10, 1, 9, 0), method: "REQUEST"),
            };
            var message = OutboxDispatcher.Mime(row, MailboxAddress.Parse("Mentoring <mentoring@example.com>"), "example.com", null);
            Assert.Equal("outbox-" + row.Id + "@example.com", message.MessageId);
            var (method, ics) = Ics.CalendarPart(message);
            Assert.Equal("REQUEST", method);
            return ics;
        }).ToArray();

        var read = Ics.ReadWithPython(calendars);
        var utc = read.Select(c => c!["events"]![0]!["start_utc"]!.GetValue<string>()).ToList();
        Assert.Equal(["2027-10-19T11:00:00Z", "2027-10-26T11:00:00Z", "2027-11-02T12:00:00Z", "2027-11-09T12:00:00Z"], utc);
        Assert.All(read, c => Assert.EndsWith("T12:00", c!["events"]![0]!["start_local"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.All(read, c => Assert.Equal("Europe/London", c!["events"]![0]!["tzid"]!.GetValue<string>()));

        var net = calendars.Select(c => Ical.Net.Calendar.Load(c)!.Events.Single().Start!.AsUtc).ToList();
        Assert.Equal(utc, net.Select(d => d.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture)).ToList());
    }
}

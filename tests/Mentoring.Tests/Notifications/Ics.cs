using System.Diagnostics;
using System.Text.Json.Nodes;
using MimeKit;

namespace Mentoring.Tests.Notifications;

/// <summary>Reads e-mailed calendars back: the text/calendar part, and python3-icalendar's reading of it.</summary>
public static class Ics
{
    /// <summary>The text/calendar part of an e-mail, with its method= parameter.</summary>
    public static (string Method, string Text) CalendarPart(MimeMessage message)
    {
        var part = message.BodyParts.OfType<TextPart>().Single(p => p.ContentType.MimeType == "text/calendar");
        return (part.ContentType.Parameters["method"] ?? "", part.Text);
    }

    private const string Script = """
        import json, sys
        from icalendar import Calendar
        out = []
        for path in sys.argv[1:]:
            cal = Calendar.from_ical(open(path, 'rb').read())
            events = []
            for ev in cal.walk('VEVENT'):
                attendees = ev.get('ATTENDEE', [])
                if not isinstance(attendees, list):
                    attendees = [attendees]
                start = ev.decoded('DTSTART')
                events.append({
                    'uid': str(ev.get('UID')),
                    'sequence': int(ev.get('SEQUENCE', 0)),
                    'status': str(ev.get('STATUS', '')),
                    'organizer': str(ev.get('ORGANIZER', '')).lower(),
                    'attendees': [{'address': str(a).lower(), 'partstat': str(a.params.get('PARTSTAT', ''))} for a in attendees],
                    'start_utc': start.astimezone(__import__('datetime').timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ'),
                    'start_local': start.strftime('%Y-%m-%dT%H:%M'),
                    'tzid': str(ev['DTSTART'].params.get('TZID', '')),
                })
            out.append({'method': str(cal.get('METHOD', '')), 'events': events})
        print(json.dumps(out))
        """;

    /// <summary>What python's icalendar reads in each calendar.</summary>
    public static JsonArray ReadWithPython(params string[] calendars)
    {
        var folder = Path.Combine(Path.GetTempPath(), "mentoring-ics-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var files = calendars.Select((c, i) =>
            {
                var path = Path.Combine(folder, $"{i}.ics");
                File.WriteAllText(path, c);
                return path;
            }).ToList();
            var script = Path.Combine(folder, "read.py");
            File.WriteAllText(script, Script);
            var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
            var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(script);
            foreach (var file in files)
            {
                start.ArgumentList.Add(file);
            }
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, "python3-icalendar could not read the calendar: " + error);
            return JsonNode.Parse(output)!.AsArray();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

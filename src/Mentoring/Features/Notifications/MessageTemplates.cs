using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Fluid;
using Mentoring.Data;
using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Features.Notifications;

/// <summary>A field a template can use, and what it holds.</summary>
public sealed record TemplateField(string Name, string Description);

/// <summary>A message the product sends, with its default Liquid templates and the fields its model carries.</summary>
public sealed record TemplateDefinition(string Key, string Title, string Subject, string Text, string Html, IReadOnlyList<TemplateField> Fields);

/// <summary>A message made from a template.</summary>
public sealed record RenderedMessage(string Subject, string Text, string Html);

/// <summary>A template that does not parse: which part, on which line, and why.</summary>
public sealed record TemplateError(string Part, int Line, string Reason);

/// <summary>
/// Every message's subject and bodies (plain text and HTML) are Liquid templates (Fluid): the defaults
/// live here; an admin may replace them per program and language. Only templates that parse are
/// stored, so the last good one keeps sending.
/// </summary>
public sealed partial class MessageTemplates(MentoringDbContext db)
{
    public const string DefaultLanguage = "en";

    private static readonly FluidParser Parser = new();
    private static readonly TemplateOptions Options = new();

    // A round of 20,000 introductions renders the same three sources 20,000 times: each is parsed once.
    // Parsed templates are immutable and safe to share; the cache is emptied if edits ever fill it.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, IFluidTemplate?> Parsed = new(StringComparer.Ordinal);

    private static IFluidTemplate? ParseOnce(string source)
    {
        if (Parsed.TryGetValue(source, out var cached))
        {
            return cached;
        }
        if (Parsed.Count > 1000)
        {
            Parsed.Clear();
        }
        return Parsed[source] = Parser.TryParse(source, out var template, out _) ? template : null;
    }

    private static readonly TemplateField[] PersonFields =
    [
        new("person.name", "the person's full name"),
        new("person.first_name", "their first name"),
        new("person.email", "their e-mail address"),
        new("program.name", "the program's name (empty when the message is not about one)"),
        new("site_url", "the product's address"),
        new("unsubscribe_url", "the link that stops this kind of message (empty for security messages)"),
    ];

    private static readonly TemplateField[] SessionFields =
    [
        .. PersonFields,
        new("session.title", "the session's title"),
        new("session.when", "its day and time in the person's own zone"),
        new("session.location", "the room or the video link"),
        new("session.host", "the host's name"),
        new("session.attendees", "the attendees' names, as a list (use {{ session.attendees | join: \", \" }})"),
        new("reason", "why it was cancelled (cancellations only)"),
        new("hours", "how many hours before it starts (reminders only)"),
    ];

    public static readonly IReadOnlyList<TemplateDefinition> Definitions =
    [
        new("session-invitation", "Session invitation",
            "Invitation: {{ session.title }}",
            "Hello {{ person.first_name }},\n\n{{ session.title }}\n{{ session.when }}\n{{ session.location }}\n\nAccept, decline or ask for another time in Mentoring, under My sessions: {{ site_url }}/Sessions\n",
            "<p>Hello {{ person.first_name }},</p><p><strong>{{ session.title }}</strong><br>{{ session.when }}<br>{{ session.location }}</p><p>Accept, decline or ask for another time in Mentoring, under <a href=\"{{ site_url }}/Sessions\">My sessions</a>.</p>",
            SessionFields),
        new("session-update", "Session update",
            "Updated: {{ session.title }}",
            "Hello {{ person.first_name }},\n\n{{ session.title }} was updated.\n{{ session.when }}\n{{ session.location }}\n\nSee it under My sessions: {{ site_url }}/Sessions\n",
            "<p>Hello {{ person.first_name }},</p><p><strong>{{ session.title }}</strong> was updated.<br>{{ session.when }}<br>{{ session.location }}</p><p>See it under <a href=\"{{ site_url }}/Sessions\">My sessions</a>.</p>",
            SessionFields),
        new("session-moved", "Session moved",
            "Moved: {{ session.title }}",
            "Hello {{ person.first_name }},\n\n{{ session.title }} has moved.\nNow: {{ session.when }}\nBefore: {{ before }}\n{{ session.location }}\n\nAccept or decline the new time in Mentoring, under My sessions: {{ site_url }}/Sessions\n",
            "<p>Hello {{ person.first_name }},</p><p><strong>{{ session.title }}</strong> has moved.<br>Now: {{ session.when }}<br><s>Before: {{ before }}</s><br>{{ session.location }}</p><p>Accept or decline the new time in Mentoring, under <a href=\"{{ site_url }}/Sessions\">My sessions</a>.</p>",
            [.. SessionFields, new("before", "its day and time before it moved, in the person's own zone")]),
        new("session-cancelled", "Session cancelled",
            "Cancelled: {{ session.title }}",
            "Hello {{ person.first_name }},\n\n{{ session.title }} on {{ session.when }} is cancelled.{% if reason != blank %}\nThe reason: {{ reason }}{% endif %}\n",
            "<p>Hello {{ person.first_name }},</p><p><strong>{{ session.title }}</strong> on {{ session.when }} is cancelled.</p>{% if reason != blank %}<p>The reason: {{ reason }}</p>{% endif %}",
            SessionFields),
        new("session-reminder", "Session reminder",
            "In {{ hours }} h: {{ session.title }}",
            "Hello {{ person.first_name }},\n\nA reminder: {{ session.title }}, {{ session.when }}.\n{{ session.location }}\n",
            "<p>Hello {{ person.first_name }},</p><p>A reminder: <strong>{{ session.title }}</strong>, {{ session.when }}.<br>{{ session.location }}</p>",
            SessionFields),
        new("roulette-introduction", "Coffee roulette introduction",
            "Your virtual coffee in {{ program.name }}",
            "{{ introduction }}\n",
            "<p>{{ introduction }}</p><p><a href=\"{{ link }}\">Join the call</a></p>",
            [.. PersonFields, new("introduction", "the introduction written from the program's roulette settings"), new("others", "the names of the others drawn"),
                new("starter", "the conversation starter"), new("link", "the call link")]),
        new("roulette-did-you-meet", "Coffee roulette: did you meet?",
            "Did you meet {{ others }}?",
            "Did your virtual coffee with {{ others }} in {{ program.name }} happen? Answer under My mentoring: it helps the next rounds.\n",
            "<p>Did your virtual coffee with {{ others }} in {{ program.name }} happen? Answer under <a href=\"{{ site_url }}/Me\">My mentoring</a>: it helps the next rounds.</p>",
            [.. PersonFields, new("others", "the names of the others drawn"), new("pairing_id", "the pairing's number")]),
        new("account-invitation", "Account invitation",
            "You are invited to Mentoring",
            "Hello {{ person.name }},\n\nYour organisation runs its mentoring programs on Mentoring, and you have an account waiting. To choose your password and sign in, open this link:\n\n{{ link }}\n\nThe link works once, until {{ expires }}. Your sign-in is your e-mail address, {{ person.email }}.\n",
            "<p>Hello {{ person.name }},</p><p>Your organisation runs its mentoring programs on Mentoring, and you have an account waiting. To choose your password and sign in, open this link:</p><p><a href=\"{{ link }}\">{{ link }}</a></p><p>The link works once, until {{ expires }}. Your sign-in is your e-mail address, {{ person.email }}.</p>",
            [.. PersonFields, new("link", "the single-use link to set a password"), new("expires", "when the link stops working")]),
        new("password-reset", "Password reset",
            "Reset your Mentoring password",
            "Hello {{ person.name }},\n\nSomeone (we hope you) asked to reset the password of your Mentoring account. To choose a new one, open this link:\n\n{{ link }}\n\nThe link works once, for {{ hours }} hours. If you did not ask for it, ignore this e-mail: your password stays as it is.\n",
            "<p>Hello {{ person.name }},</p><p>Someone (we hope you) asked to reset the password of your Mentoring account. To choose a new one, open this link:</p><p><a href=\"{{ link }}\">{{ link }}</a></p><p>The link works once, for {{ hours }} hours. If you did not ask for it, ignore this e-mail: your password stays as it is.</p>",
            [.. PersonFields, new("link", "the single-use link to set a password"), new("hours", "how many hours the link works")]),
        new("digest", "Your digest",
            "Your Mentoring digest: {{ items | size }} messages",
            "Hello {{ person.first_name }},\n\nWhat came for you:\n{% for item in items %}\n- {{ item.subject }}\n  {{ item.body }}\n{% endfor %}\n",
            "<p>Hello {{ person.first_name }},</p><p>What came for you:</p><ul>{% for item in items %}<li><strong>{{ item.subject }}</strong><br>{{ item.body }}</li>{% endfor %}</ul>",
            [.. PersonFields, new("items", "the messages gathered, each with subject and body")]),
        new("weekly-mentor", "Weekly digest for mentors",
            "Your week in Mentoring",
            "Hello {{ person.first_name }},\n{% if pairs.size > 0 %}\nYou mentor {% if pairs.size == 1 %}one person{% else %}{{ pairs | size }} people{% endif %}.{% for pair in pairs %}\n- {{ pair.name }}: {{ pair.sessions }} sessions this week, next {{ pair.next }}{% endfor %}\n{% endif %}{% if groups.size > 0 %}\nYou host {% if groups.size == 1 %}one group{% else %}{{ groups | size }} groups{% endif %}.{% for g in groups %}\n- {{ g.title }} ({% if g.members == 1 %}1 member{% else %}{{ g.members }} members{% endif %}): {{ g.sessions }} sessions this week, next {{ g.next }}{% endfor %}\n{% endif %}\nWaiting for your answer: {{ pending }} sessions.\n{% if due.size > 0 %}\nDue this week:{% for d in due %}\n- {{ d.date }}{% if d.late %} (late){% endif %}: {{ d.text }} ({{ d.owner }}, {% if d.group != blank %}in {{ d.group }}{% else %}with {{ d.mentee }}{% endif %}){% endfor %}\n{% endif %}",
            "<p>Hello {{ person.first_name }},</p>{% if pairs.size > 0 %}<p>You mentor {% if pairs.size == 1 %}one person{% else %}{{ pairs | size }} people{% endif %}.</p><ul>{% for pair in pairs %}<li>{{ pair.name }}: {{ pair.sessions }} sessions this week, next {{ pair.next }}</li>{% endfor %}</ul>{% endif %}{% if groups.size > 0 %}<p>You host {% if groups.size == 1 %}one group{% else %}{{ groups | size }} groups{% endif %}.</p><ul>{% for g in groups %}<li>{{ g.title }} ({% if g.members == 1 %}1 member{% else %}{{ g.members }} members{% endif %}): {{ g.sessions }} sessions this week, next {{ g.next }}</li>{% endfor %}</ul>{% endif %}<p>Waiting for your answer: {{ pending }} sessions.</p>{% if due.size > 0 %}<p>Due this week:</p><ul>{% for d in due %}<li>{{ d.date }}{% if d.late %} (late){% endif %}: {{ d.text }} ({{ d.owner }}, {% if d.group != blank %}in {{ d.group }}{% else %}with {{ d.mentee }}{% endif %})</li>{% endfor %}</ul>{% endif %}",
            [.. PersonFields, new("pairs", "each mentee with name, sessions (this week) and next (the next session)"),
                new("groups", "each running group the person hosts, with title, members, sessions (this week) and next (the next session)"), new("pending", "sessions waiting for their answer"),
                new("due", "the open action items of the pairs and hosted groups, due this week or late, each with text, date, late (true or false), owner, mentee and group (the group's title for a group's item, also given as mentee; else empty)")]),
        new("weekly-admin", "Weekly digest for admins",
            "Program health this week",
            "Hello {{ person.first_name }},\n{% for p in programs %}\n{{ p.name }}: {{ p.enrolled }} enrolled, {{ p.mentorships }} active mentorships, {{ p.sessions }} sessions this week ({{ p.accepted }} accepted), {{ p.unmatched }} mentees without a mentor.{% endfor %}\n\nUndelivered messages: {{ dead_letters }}.\n",
            "<p>Hello {{ person.first_name }},</p><ul>{% for p in programs %}<li><strong>{{ p.name }}</strong>: {{ p.enrolled }} enrolled, {{ p.mentorships }} active mentorships, {{ p.sessions }} sessions this week ({{ p.accepted }} accepted), {{ p.unmatched }} mentees without a mentor.</li>{% endfor %}</ul><p>Undelivered messages: {{ dead_letters }}.</p>",
            [.. PersonFields, new("programs", "each active program with name, enrolled, mentorships, sessions, accepted, unmatched"), new("dead_letters", "messages that could not be delivered")]),
        new("action-item-due", "Action item due",
            "An action item is due {{ item.when }}",
            "Hello {{ person.first_name }},\n\nYou said you would do this by {{ item.date }}:\n{{ item.text }}\n\nMark it done in your space with {{ other }}: {{ link }}\n",
            "<p>Hello {{ person.first_name }},</p><p>You said you would do this by {{ item.date }}:</p><blockquote>{{ item.text }}</blockquote><p>Mark it done in <a href=\"{{ link }}\">your space with {{ other }}</a>.</p>",
            [.. PersonFields, new("item.text", "what the person said they would do"), new("item.date", "the day it is due"),
                new("item.when", "\"tomorrow\" or \"today\""), new("other", "the other person of the pair"), new("link", "the pair's space")]),
        new("group-action-item-due", "Action item due in a group",
            "An action item is due {{ item.when }}",
            "Hello {{ person.first_name }},\n\nIn {{ group }}, you said you would do this by {{ item.date }}:\n{{ item.text }}\n\nMark it done in the group's space: {{ link }}\n",
            "<p>Hello {{ person.first_name }},</p><p>In {{ group }}, you said you would do this by {{ item.date }}:</p><blockquote>{{ item.text }}</blockquote><p>Mark it done in <a href=\"{{ link }}\">the group's space</a>.</p>",
            [.. PersonFields, new("item.text", "what the person said they would do"), new("item.date", "the day it is due"),
                new("item.when", "\"tomorrow\" or \"today\""), new("group", "the group's title"), new("link", "the group's space")]),
        new("check-in-nudge", "Check-in reminder to a pair",
            "Time for a check-in with {{ other }}",
            "Hello {{ person.first_name }},\n\nYour plan with {{ other }} has a check-in {{ every }}, and one was due on {{ due }}. {% if last != blank %}Your last check-in was on {{ last }}.{% else %}You have not logged a check-in yet.{% endif %}\n\nLog one in a step from your pair's space: {{ link }}\n",
            "<p>Hello {{ person.first_name }},</p><p>Your plan with {{ other }} has a check-in {{ every }}, and one was due on {{ due }}. {% if last != blank %}Your last check-in was on {{ last }}.{% else %}You have not logged a check-in yet.{% endif %}</p><p><a href=\"{{ link }}\">Log one in a step from your pair's space</a>.</p>",
            [.. PersonFields, new("other", "the other person of the pair"), new("every", "how often the plan says to check in (\"every week\")"),
                new("due", "the day the missed check-in was due"), new("last", "the day of the last check-in (empty when none)"), new("link", "the pair's space")]),
        new("check-in-missed", "Missed check-ins, to the admins",
            "{{ mentor }} and {{ mentee }} have missed {{ missed }} check-ins",
            "In {{ program.name }}, the pair {{ mentor }} (mentor) and {{ mentee }} (mentee) have missed {{ missed }} check-ins by their plan; both were reminded. See the program's health page: {{ link }}\n",
            "<p>In {{ program.name }}, the pair {{ mentor }} (mentor) and {{ mentee }} (mentee) have missed {{ missed }} check-ins by their plan; both were reminded.</p><p><a href=\"{{ link }}\">See the program's health page</a>.</p>",
            [.. PersonFields, new("mentor", "the mentor's name"), new("mentee", "the mentee's name"), new("missed", "how many check-ins were missed"), new("link", "the program's health page")]),
        new("group-quiet", "Meeting reminder to a group's host",
            "Time for {{ group }} to meet",
            "Hello {{ person.first_name }},\n\n{{ group }} meets {{ every }} by its plan, and a meeting was due on {{ due }}. {% if last != blank %}It last met on {{ last }}.{% else %}It has not met yet.{% endif %} Its {{ members }} members are waiting to hear from you.\n\nPlan the next one, or log the one you held, from the group's space: {{ link }}\n",
            "<p>Hello {{ person.first_name }},</p><p>{{ group }} meets {{ every }} by its plan, and a meeting was due on {{ due }}. {% if last != blank %}It last met on {{ last }}.{% else %}It has not met yet.{% endif %} Its {{ members }} members are waiting to hear from you.</p><p><a href=\"{{ link }}\">Plan the next one, or log the one you held, from the group's space</a>.</p>",
            [.. PersonFields, new("group", "the group's title"), new("members", "how many members it has, the host aside"), new("every", "how often the plan says to meet (\"every week\")"),
                new("due", "the day the missed meeting was due"), new("last", "the day of its last meeting (empty when none)"), new("link", "the group's space")]),
        new("group-at-risk", "A group at risk, to the admins",
            "{{ group }} is at risk",
            "In {{ program.name }}, the group {{ group }} (hosted by {{ host }}) is at risk: {{ why }}. Its host was reminded. See the program's health page: {{ link }}\n",
            "<p>In {{ program.name }}, the group {{ group }} (hosted by {{ host }}) is at risk: {{ why }}. Its host was reminded.</p><p><a href=\"{{ link }}\">See the program's health page</a>.</p>",
            [.. PersonFields, new("group", "the group's title"), new("host", "the host's name"), new("why", "the reasons, as the health page gives them"), new("link", "the program's health page")]),
        new("fit-not-good", "A pair is not a good fit, to the admins",
            "A pair in {{ program.name }} is not a good fit",
            "One of the pair {{ mentor }} (mentor) and {{ mentee }} (mentee) answered the fit check \"not a good fit\". Offer them a rematch from the program's matching page: {{ link }}\nWhat they wrote stays with them.\n",
            "<p>One of the pair {{ mentor }} (mentor) and {{ mentee }} (mentee) answered the fit check \"not a good fit\". <a href=\"{{ link }}\">Offer them a rematch from the program's matching page</a>.</p><p>What they wrote stays with them.</p>",
            [.. PersonFields, new("mentor", "the mentor's name"), new("mentee", "the mentee's name"), new("link", "the program's matching page")]),
        new("standup-digest", "Stand-up digest, to a cohort's host",
            "Stand-ups of {{ day }}: {{ count }} posted{% if stuck > 0 %}, {{ stuck }} stuck{% endif %}",
            "Hello {{ host }},\n\nHere are the stand-ups of {{ day }}.\n{% for cohort in cohorts %}\n== {{ cohort.name }} ==\n{% for s in cohort.standups %}\n{{ s.author }}{% if s.stuck != blank %} (stuck){% endif %}\n  Did: {{ s.did }}\n  Next: {{ s.next }}\n{% if s.stuck != blank %}  Stuck: {{ s.stuck }}\n{% endif %}{% endfor %}{% endfor %}",
            "<p>Hello {{ host }},</p><p>Here are the stand-ups of {{ day }}.</p>{% for cohort in cohorts %}<h3>{{ cohort.name }}</h3><ul>{% for s in cohort.standups %}<li><strong>{{ s.author }}</strong>{% if s.stuck != blank %} (stuck){% endif %}<br>Did: {{ s.did }}<br>Next: {{ s.next }}{% if s.stuck != blank %}<br>Stuck: {{ s.stuck }}{% endif %}</li>{% endfor %}</ul>{% endfor %}",
            [.. PersonFields, new("host", "the host's name"), new("day", "the day of the stand-ups (yyyy-MM-dd)"), new("count", "how many stand-ups were posted"),
                new("stuck", "how many of them say where their author is stuck"),
                new("cohorts", "each cohort (a group, or a program) with name and standups, each with author, did, next and stuck (empty when not stuck), the stuck ones first")]),
        new("survey-invitation", "Survey invitation",
            "{{ program.name }}: {{ survey }}",
            "Hello {{ person.first_name }},\n\n{{ program.name }} asks for your view: \"{{ survey }}\". It takes a couple of minutes. Your answers are counted only together with at least {{ k }} others and never shown with your name.\n\nAnswer it here: {{ link }}\n",
            "<p>Hello {{ person.first_name }},</p><p>{{ program.name }} asks for your view: <strong>{{ survey }}</strong>. It takes a couple of minutes. Your answers are counted only together with at least {{ k }} others and never shown with your name.</p><p><a href=\"{{ link }}\">Answer it here</a>.</p>",
            [.. PersonFields, new("survey", "the survey's title"), new("link", "where to answer it"), new("k", "the fewest respondents a result is shown for")]),
        new("survey-reminder", "Survey reminder",
            "Reminder: {{ program.name }}: {{ survey }}",
            "Hello {{ person.first_name }},\n\nYou have not answered \"{{ survey }}\" yet. It takes a couple of minutes, and your answers are never shown with your name.\n\nAnswer it here: {{ link }}\n",
            "<p>Hello {{ person.first_name }},</p><p>You have not answered <strong>{{ survey }}</strong> yet. It takes a couple of minutes, and your answers are never shown with your name.</p><p><a href=\"{{ link }}\">Answer it here</a>.</p>",
            [.. PersonFields, new("survey", "the survey's title"), new("link", "where to answer it")]),
        new("sponsor-message", "The executive sponsor's message",
            "{{ program.name }}: {{ subject }}",
            "{{ body }}\n\n{{ sponsor }}, executive sponsor of {{ program.name }}\n",
            "<p>{{ body }}</p><p>{{ sponsor }}, executive sponsor of {{ program.name }}</p>",
            [.. PersonFields, new("subject", "the sponsor's subject"), new("body", "the sponsor's message"), new("sponsor", "the sponsor's name")]),
        new("program-test", "Test message to a program's channels",
            "A test message from {{ program.name }}",
            "This is a test message from Mentoring for {{ program.name }}: the channel is set up.\n",
            "<p>This is a test message from Mentoring for <strong>{{ program.name }}</strong>: the channel is set up.</p>",
            [new("program.name", "the program's name"), new("site_url", "the product's address")]),
    ];

    public static TemplateDefinition? Definition(string key) => Definitions.FirstOrDefault(d => d.Key == key);

    /// <summary>Parses the three parts; the errors, by part and line, when any does not parse.</summary>
    public static IReadOnlyList<TemplateError> Check(string subject, string text, string html)
    {
        var errors = new List<TemplateError>();
        foreach (var (part, source) in new[] { ("subject", subject), ("text", text), ("html", html) })
        {
            if (!Parser.TryParse(source, out _, out var error))
            {
                var match = Position().Match(error ?? "");
                var line = match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 1;
                errors.Add(new TemplateError(part, line, Position().Replace(error ?? "it does not parse", "").Trim()));
            }
        }
        return errors;
    }

    /// <summary>The template that applies: the program's in the language, the product-wide one in the language, then the default.</summary>
    public async Task<(string Subject, string Text, string Html)> SourceAsync(string key, int? programId, string language, CancellationToken cancellationToken)
    {
        var edited = await db.MessageTemplates.AsNoTracking()
            .Where(t => t.Key == key && (t.Language == language || t.Language == DefaultLanguage) && (t.ProgramId == programId || t.ProgramId == null))
            .ToListAsync(cancellationToken);
        // The person's language before the default one; the program's own before the product-wide one.
        var chosen = edited.OrderBy(t => t.Language == language ? 0 : 1).ThenBy(t => t.ProgramId == null ? 1 : 0)
            .FirstOrDefault(t => t.ProgramId == null || t.ProgramId == programId);
        if (chosen is not null)
        {
            return (chosen.Subject, chosen.Text, chosen.Html);
        }
        var definition = Definition(key) ?? throw new InvalidOperationException($"no message template \"{key}\"");
        return (definition.Subject, definition.Text, definition.Html);
    }

    public async Task<RenderedMessage> RenderAsync(string key, int? programId, string language, IReadOnlyDictionary<string, object?> model, CancellationToken cancellationToken)
    {
        var (subject, text, html) = await SourceAsync(key, programId, language, cancellationToken);
        return Render(subject, text, html, model);
    }

    /// <summary>Renders sources that were checked; a source that does not parse (a default with a typo) renders as itself.</summary>
    public static RenderedMessage Render(string subject, string text, string html, IReadOnlyDictionary<string, object?> model)
    {
        var context = new TemplateContext(Options);
        foreach (var (name, value) in model)
        {
            context.SetValue(name, value);
        }
        string Run(string source, TextEncoder encoder) =>
            ParseOnce(source) is { } template ? template.Render(context, encoder) : source;
        return new RenderedMessage(
            Calendar.SessionCalendar.SingleLine(Run(subject, NullEncoder.Default)) ?? "",
            Run(text, NullEncoder.Default),
            Run(html, HtmlEncoder.Default));
    }

    /// <summary>Saves an edited template when all three parts parse; the errors otherwise.</summary>
    public async Task<IReadOnlyList<TemplateError>> SaveAsync(int? programId, string language, string key, string subject, string text, string html,
        NodaTime.Instant now, CancellationToken cancellationToken)
    {
        var errors = Check(subject, text, html);
        if (errors.Count > 0)
        {
            return errors;
        }
        var row = await db.MessageTemplates.SingleOrDefaultAsync(t => t.ProgramId == programId && t.Language == language && t.Key == key, cancellationToken);
        if (row is null)
        {
            db.MessageTemplates.Add(new MessageTemplate { ProgramId = programId, Language = language, Key = key, Subject = subject, Text = text, Html = html, UpdatedAt = now });
        }
        else
        {
            (row.Subject, row.Text, row.Html, row.UpdatedAt) = (subject, text, html, now);
        }
        await db.SaveChangesAsync(cancellationToken);
        return [];
    }

    /// <summary>Back to the default: the edited template is removed.</summary>
    public async Task ResetAsync(int? programId, string language, string key, CancellationToken cancellationToken) =>
        await db.MessageTemplates.Where(t => t.ProgramId == programId && t.Language == language && t.Key == key).ExecuteDeleteAsync(cancellationToken);

    [GeneratedRegex(@"at \((\d+):\d+\)")]
    private static partial Regex Position();
}

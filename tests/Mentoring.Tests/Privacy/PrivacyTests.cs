using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Infrastructure.Audit;
using Mentoring.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Tests.Privacy;

public sealed class SqlitePrivacyTests(SqliteAppFixture app) : PrivacyTests(app), IClassFixture<SqliteAppFixture>;

public sealed class PostgresPrivacyTests(PostgresAppFixture app) : PrivacyTests(app), IClassFixture<PostgresAppFixture>;

/// <summary>
/// The audit trail, a person's own export and erasure, through the real HTTP pipeline on each store.
/// Markers are random words written into a person's name, e-mail and texts, then looked for everywhere.
/// </summary>
public abstract partial class PrivacyTests(AppFixture app)
{
    private static string Marker() => "zq" + Guid.NewGuid().ToString("N")[..10];

    private HttpClient AdminBrowser()
    {
        var client = app.WithCookieOnly(Roles.Admin);
        client.DefaultRequestHeaders.Add("X-Requested-With", "XMLHttpRequest");
        return client;
    }

    private async Task<JsonElement> AuditAsync(HttpClient admin, string query)
    {
        using var response = await admin.GetAsync("/api/audit?pageSize=500&" + query);
        return (await response.ReadAsync<JsonElement>()).GetProperty("items");
    }

    private async Task<int> CreatePersonAsync(HttpClient admin, string externalId, string name, string? email, List<string>? interests = null)
    {
        using var created = await admin.PostJsonAsync("/api/people/", new { externalId, name, email, level = 1, interests });
        return (await created.ReadAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    [Fact]
    public async Task An_admins_changes_are_in_the_audit_trail_with_old_and_new_values_and_who_made_them()
    {
        using var admin = app.As(Roles.Admin);
        var marker = Marker();
        var id = await CreatePersonAsync(admin, marker, "Old " + marker, $"{marker}@example.com");
        using (var update = await admin.PutJsonAsync($"/api/people/{id}", new { externalId = marker, name = "New " + marker, email = $"{marker}@example.com", level = 2 }))
        {
            update.EnsureSuccessStatusCode();
        }

        var records = await AuditAsync(admin, $"entity=person&entityId={id}");
        var changed = records.EnumerateArray().Single(r => r.GetProperty("action").GetString() == "changed");
        var changes = JsonDocument.Parse(changed.GetProperty("changes").GetString()!).RootElement;
        Assert.Equal("Old " + marker, changes.GetProperty("name").GetProperty("old").GetString());
        Assert.Equal("New " + marker, changes.GetProperty("name").GetProperty("new").GetString());
        Assert.Equal(1, changes.GetProperty("level").GetProperty("old").GetInt32());
        Assert.Equal(2, changes.GetProperty("level").GetProperty("new").GetInt32());
        Assert.False(changes.TryGetProperty("email", out _), "an unchanged field is not listed");
        // The admin's script called with a token: the trail names the token and its owner.
        Assert.Equal("token", changed.GetProperty("actorKind").GetString());
        Assert.Contains("admin@demo.local", changed.GetProperty("actorName").GetString(), StringComparison.Ordinal);
        Assert.Equal("127.0.0.1", changed.GetProperty("ip").GetString());
        // The new person's record carries the id the store gave it, not a placeholder from before the save.
        var created = records.EnumerateArray().Single(r => r.GetProperty("action").GetString() == "created");
        Assert.Equal(id, JsonDocument.Parse(created.GetProperty("changes").GetString()!).RootElement.GetProperty("id").GetProperty("new").GetInt32());

        // A filter that is not a date is a 400 naming the field.
        using var bad = await admin.GetAsync("/api/audit?from=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("\"from\"", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // From tomorrow on there is nothing yet.
        var tomorrow = DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(0, (await AuditAsync(admin, $"entity=person&entityId={id}&from={tomorrow}")).GetArrayLength());
    }

    [Fact]
    public async Task No_secret_reaches_the_audit_trail_neither_a_token_nor_a_password()
    {
        using var browser = AdminBrowser();
        using var created = await browser.PostJsonAsync("/api/tokens/", new { name = "privacy check" });
        var secret = (await created.ReadAsync<JsonElement>()).GetProperty("secret").GetString()!;

        // A person is invited and sets a password through the link (the outbox holds it: no SMTP here).
        using var admin = app.As(Roles.Admin);
        var marker = Marker();
        var personId = await CreatePersonAsync(admin, marker, "Pass " + marker, $"{marker}@example.com");
        (await admin.PostAsync($"/api/people/{personId}/invitation", new StringContent("{}", Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        string body;
        await using (var db = app.OpenContext())
        {
            body = (await db.Notifications.Where(n => n.Recipient == $"{marker}@example.com").OrderBy(n => n.Id).LastAsync()).Body;
        }
        var link = SetPasswordLink().Match(body).Value;
        using var anonymous = app.Anonymous();
        var form = await anonymous.GetStringAsync(link);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(link).Query);
        const string password = "privacy long password 1";
        using (var set = await anonymous.PostAsync(new Uri(link).PathAndQuery, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["user"] = query["user"].ToString(), ["code"] = query["code"].ToString(), ["kind"] = query.TryGetValue("kind", out var kind) ? kind.ToString() : "",
            ["Input.Password"] = password, ["Input.Confirm"] = password, ["__RequestVerificationToken"] = AppFixture.AntiforgeryToken(form),
        })))
        {
            Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        }

        string tokenHash, passwordHash, stamp, accountId;
        await using (var db = app.OpenContext())
        {
            tokenHash = (await db.ApiTokens.SingleAsync(t => t.Name == "privacy check")).Hash;
            var account = await db.Users.SingleAsync(u => u.PersonId == personId);
            (passwordHash, stamp, accountId) = (account.PasswordHash!, account.SecurityStamp!, account.Id);
        }
        using var csv = await admin.GetAsync("/api/audit/export");
        var all = await csv.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        foreach (var hidden in new[] { secret, tokenHash, passwordHash, stamp, query["code"].ToString() })
        {
            Assert.DoesNotContain(hidden, all, StringComparison.Ordinal);
        }
        // They are recorded as changed, without their values.
        var token = (await AuditAsync(admin, "entity=api-token")).EnumerateArray().Last(r => r.GetProperty("changes").GetString()!.Contains("privacy check", StringComparison.Ordinal));
        Assert.Contains("\"hash\":{\"hidden\":true}", token.GetProperty("changes").GetString(), StringComparison.Ordinal);
        Assert.Equal("account", token.GetProperty("actorKind").GetString());
        var accountRecords = (await AuditAsync(admin, $"entity=account&entityId={accountId}")).EnumerateArray().ToList();
        Assert.Contains(accountRecords, r => r.GetProperty("changes").GetString()!.Contains("\"passwordHash\":{\"hidden\":true}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task No_endpoint_changes_or_deletes_an_audit_record_and_the_store_refuses_it_too()
    {
        using var admin = app.As(Roles.Admin);
        await CreatePersonAsync(admin, Marker(), "Someone " + Marker(), null);
        long id;
        string before;
        await using (var db = app.OpenContext())
        {
            var last = await db.AuditRecords.OrderByDescending(r => r.Id).FirstAsync();
            (id, before) = (last.Id, JsonSerializer.Serialize(last));
        }
        using var browser = AdminBrowser();
        foreach (var method in new[] { "PUT", "DELETE", "PATCH", "POST" })
        {
            foreach (var url in new[] { "/api/audit", $"/api/audit/{id}", "/api/audit/export" })
            {
                foreach (var client in new[] { admin, browser })
                {
                    using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = new StringContent("{\"action\":\"read\"}", Encoding.UTF8, "application/json") };
                    using var response = await client.SendAsync(request);
                    Assert.True((int)response.StatusCode is 404 or 405, $"{method} {url} answered {(int)response.StatusCode}");
                }
            }
        }
        using (var page = await app.WithCookieOnly(Roles.Admin).PostAsync("/Privacy/Audit", new FormUrlEncodedContent([])))
        {
            Assert.False(page.IsSuccessStatusCode);
        }

        // Inside the app, the same context that writes the trail refuses to change or delete a line.
        await using var scope = app.App.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<MentoringDbContext>();
        var record = await context.AuditRecords.SingleAsync(r => r.Id == id);
        record.Action = "read";
        await Assert.ThrowsAsync<InvalidOperationException>(() => context.SaveChangesAsync());
        context.ChangeTracker.Clear();
        context.AuditRecords.Remove(await context.AuditRecords.SingleAsync(r => r.Id == id));
        await Assert.ThrowsAsync<InvalidOperationException>(() => context.SaveChangesAsync());
        await using (var db = app.OpenContext())
        {
            Assert.Equal(before, JsonSerializer.Serialize(await db.AuditRecords.SingleAsync(r => r.Id == id)));
        }
    }

    [Fact]
    public async Task An_admin_opening_someones_record_is_recorded_as_a_read()
    {
        using var admin = app.As(Roles.Admin);
        var id = await CreatePersonAsync(admin, Marker(), "Read " + Marker(), null);
        (await admin.GetAsync($"/api/people/{id}")).EnsureSuccessStatusCode();
        (await app.WithCookieOnly(Roles.Admin).GetAsync($"/People/{id}")).EnsureSuccessStatusCode();
        var reads = (await AuditAsync(admin, $"entity=person&entityId={id}&action=read")).EnumerateArray().ToList();
        Assert.Equal(2, reads.Count);
        Assert.Contains(reads, r => r.GetProperty("actorKind").GetString() == "account" && r.GetProperty("actorName").GetString() == "admin@demo.local");
    }

    [Fact]
    public async Task A_persons_export_holds_their_own_texts_and_nothing_private_of_anyone_else()
    {
        var mine = Marker();
        var theirs = Marker();
        int menteeId, otherId, programId;
        await using (var db = app.OpenContext())
        {
            menteeId = (await db.Users.SingleAsync(u => u.Email == "mentee@demo.local")).PersonId!.Value;
            var enrollment = await db.Enrollments.Where(e => e.PersonId == menteeId).OrderBy(e => e.Id).FirstAsync();
            programId = enrollment.ProgramId;
            enrollment.Goals = "Goal " + mine;
            var other = await db.Enrollments.Where(e => e.ProgramId == programId && e.PersonId != menteeId).OrderBy(e => e.Id).FirstAsync();
            otherId = other.PersonId;
            other.Goals = "Goal " + theirs;
            var mentor = await db.People.Where(p => p.Id != menteeId && p.Id != otherId).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
            db.MentorRequests.Add(new MentorRequest { ProgramId = programId, MenteeId = menteeId, MentorId = mentor, Message = "Ask " + mine, Response = "Reply " + mine });
            db.Mentorships.Add(new Mentorship
            {
                ProgramId = programId, MentorId = mentor, MenteeId = otherId, Status = MentorshipStatus.Declined, DeclinedById = otherId, DeclineReason = "Why " + theirs,
            });
            await db.SaveChangesAsync();
        }
        using var mentee = app.As(Roles.Mentee);
        using var response = await mentee.GetAsync("/api/me/export");
        var json = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Goal " + mine, json, StringComparison.Ordinal);
        Assert.Contains("Ask " + mine, json, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs, json, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json);
        var sections = document.RootElement.GetProperty("sections");
        foreach (var section in new[] { "profile", "account", "enrollments", "mentorships", "mentorRequests", "sessions", "notifications", "auditRecords" })
        {
            Assert.True(sections.TryGetProperty(section, out _), $"no {section} section");
        }
        Assert.Equal(menteeId, sections.GetProperty("profile").GetProperty("id").GetInt32());
        Assert.DoesNotContain("\"hash\"", json, StringComparison.OrdinalIgnoreCase);

        // The readable page says the same.
        var page = await app.WithCookieOnly(Roles.Mentee).GetStringAsync("/Me/Data");
        Assert.Contains("Goal " + mine, page, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs, page, StringComparison.Ordinal);

        // An admin can make the same file on request, and that is audited.
        using var admin = app.As(Roles.Admin);
        using (var onRequest = await admin.PostAsync($"/api/people/{menteeId}/export", null))
        {
            Assert.Contains("Goal " + mine, await onRequest.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        var exported = (await AuditAsync(admin, $"entity=person&entityId={menteeId}&action=exported")).EnumerateArray().ToList();
        Assert.Contains(exported, r => r.GetProperty("actorName").GetString()!.Contains("admin@demo.local", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/api/people/999999/export", null)).StatusCode);
    }

    [Fact]
    public async Task After_erasure_the_persons_name_email_and_texts_are_nowhere_and_the_counts_stay()
    {
        var marker = Marker();
        var name = $"Erin {marker}";
        var email = $"{marker}@example.com";
        var hrId = "hr-" + marker;
        using var admin = app.As(Roles.Admin);
        var id = await CreatePersonAsync(admin, hrId, "Before " + marker, email, ["Hobby " + marker]);
        // A name change leaves the old name in the audit trail's values: erasure must reach those too.
        (await admin.PutJsonAsync($"/api/people/{id}", new { externalId = hrId, name, email, level = 1, interests = new[] { "Hobby " + marker } })).EnsureSuccessStatusCode();
        (await admin.PostAsync($"/api/people/{id}/invitation", new StringContent("{}", Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();

        int programId, mentorshipId, sessionId;
        await using (var db = app.OpenContext())
        {
            var program = await db.Programs.OrderBy(p => p.Id).FirstAsync();
            programId = program.Id;
            var mentor = await db.Users.Where(u => u.Email == "mentor@demo.local").Select(u => u.PersonId!.Value).SingleAsync();
            db.Enrollments.Add(new Enrollment { ProgramId = programId, PersonId = id, Role = EnrollmentRole.Mentee, Goals = "Goal text " + marker });
            var mentorship = new Mentorship
            {
                ProgramId = programId, MentorId = mentor, MenteeId = id, Score = 0.5,
                Reasons = [new MatchReason("goals", $"Said in their application: \"Goal text {marker}\"", 1)],
            };
            db.Mentorships.Add(mentorship);
            db.MentorRequests.Add(new MentorRequest { ProgramId = programId, MenteeId = id, MentorId = mentor, Message = "Please " + marker });
            await db.SaveChangesAsync();
            mentorshipId = mentorship.Id;
            var session = new ScheduledSession
            {
                ProgramId = programId, Kind = "lunch", Title = $"Lunch: Mentor and {name}", HostId = mentor, Date = new LocalDate(2027, 6, 8), Slot = DaySlot.Lunch,
                Start = Instant.FromUtc(2027, 6, 8, 11, 0), End = Instant.FromUtc(2027, 6, 8, 12, 0), TimeZone = "Europe/London", Uid = Guid.NewGuid().ToString(),
                MentorshipId = mentorship.Id, Attendees = [new SessionAttendee { PersonId = id }],
            };
            db.Sessions.Add(session);
            db.Notifications.Add(new Notification { Channel = "email", Recipient = "mentor@demo.local", Subject = $"You mentor {name}", Body = $"Say hello to {name} ({email})." });
            await db.SaveChangesAsync();
            sessionId = session.Id;
        }
        var before = await CountsAsync(admin, programId);

        // The confirmation page names what goes.
        var confirm = await app.WithCookieOnly(Roles.Admin).GetStringAsync($"/People/{id}/Erase");
        Assert.Contains("What goes", confirm, StringComparison.Ordinal);
        Assert.Contains(email, confirm, StringComparison.Ordinal);

        using (var erase = await admin.PostAsync($"/api/people/{id}/erase", null))
        {
            var result = await erase.ReadAsync<JsonElement>();
            Assert.True(result.GetProperty("accountDeleted").GetBoolean());
        }
        Assert.Equal(before, await CountsAsync(admin, programId));
        using (var again = await admin.PostAsync($"/api/people/{id}/erase", null))
        {
            Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        }

        // Every GET endpoint and page an admin can open, with each id this person touched.
        var found = new List<string>();
        foreach (var url in GetUrls([id, programId, mentorshipId, sessionId]))
        {
            foreach (var client in new[] { admin, app.WithCookieOnly(Roles.Admin) })
            {
                using var response = await client.GetAsync(url);
                var text = await response.Content.ReadAsStringAsync();
                if (text.Contains(marker, StringComparison.OrdinalIgnoreCase))
                {
                    found.Add($"{url}: {(int)response.StatusCode}");
                }
            }
        }
        foreach (var post in new[] { $"/api/people/{id}/export" })
        {
            using var response = await admin.PostAsync(post, null);
            if ((await response.Content.ReadAsStringAsync()).Contains(marker, StringComparison.OrdinalIgnoreCase))
            {
                found.Add("POST " + post);
            }
        }
        Assert.True(found.Count == 0, "The marker is still in:\n" + string.Join("\n", found));
        Assert.Empty(await StoreMatchesAsync(marker));

        // A later import of the same HR id makes a new person, not the old one.
        using var csv = new StringContent($"EmployeeNumber,Name,Email\n{hrId},Back Again,back-{marker}@example.com\n", Encoding.UTF8, "text/csv");
        using var import = await admin.PostAsync("/api/people/import", csv);
        Assert.Equal(1, (await import.ReadAsync<JsonElement>()).GetProperty("created").GetInt32());
        await using (var db = app.OpenContext())
        {
            var back = await db.People.SingleAsync(p => p.ExternalId == hrId);
            Assert.NotEqual(id, back.Id);
            var erased = await db.People.SingleAsync(p => p.Id == id);
            Assert.Equal($"Erased person {id}", erased.Name);
            Assert.NotNull(erased.ErasedAt);
            Assert.False(await db.Users.AnyAsync(u => u.PersonId == id));
        }
    }

    private static async Task<string> CountsAsync(HttpClient admin, int programId)
    {
        using var enrollments = await admin.GetAsync($"/api/programs/{programId}/enrollments");
        using var mentorships = await admin.GetAsync($"/api/programs/{programId}/mentorships");
        using var program = await admin.GetAsync($"/api/programs/{programId}");
        var e = await enrollments.ReadAsync<JsonElement>();
        var m = await mentorships.ReadAsync<JsonElement>();
        var p = await program.ReadAsync<JsonElement>();
        static int Count(JsonElement j) => j.ValueKind == JsonValueKind.Array ? j.GetArrayLength() : j.TryGetProperty("items", out var items) ? items.GetArrayLength() : -1;
        // The program's own head counts, with the ids that must not change.
        return $"{Count(e)} enrollments, {Count(m)} mentorships, program {p}".Replace(p.TryGetProperty("updatedAt", out var u) ? u.ToString() : "\u0000", "", StringComparison.Ordinal);
    }

    /// <summary>Every GET route of the app (not the API reference or OpenAPI), with its parameters filled by each of <paramref name="ids"/>.</summary>
    private IEnumerable<string> GetUrls(int[] ids)
    {
        var patterns = ((IEndpointRouteBuilder)app.App).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Where(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Contains("GET"))
            .Select(e => "/" + e.RoutePattern.RawText?.TrimStart('/'))
            .Where(p => !p.StartsWith("/api/reference", StringComparison.Ordinal) && !p.StartsWith("/openapi", StringComparison.Ordinal)
                && !p.StartsWith("/scim", StringComparison.Ordinal) && !p.Contains(":guid", StringComparison.Ordinal))
            .Distinct().ToList();
        foreach (var pattern in patterns)
        {
            if (!pattern.Contains('{', StringComparison.Ordinal))
            {
                yield return pattern.Contains("/api/", StringComparison.Ordinal) ? pattern + "?pageSize=500" : pattern;
                continue;
            }
            foreach (var id in ids)
            {
                yield return RouteParameter().Replace(pattern, id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        yield return "/People?q=erin";
        yield return "/api/people?search=erin&pageSize=200";
        yield return "/api/audit?pageSize=500";
        yield return "/Privacy/Audit";
    }

    /// <summary>Where the store still holds <paramref name="marker"/>: the SQLite file and its -wal as bytes, every PostgreSQL table's rows as text.</summary>
    private async Task<List<string>> StoreMatchesAsync(string marker)
    {
        var found = new List<string>();
        if (app.Store is SqliteStore sqlite)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var path in new[] { sqlite.FilePath, sqlite.FilePath + "-wal", sqlite.FilePath + "-journal" })
            {
                if (!File.Exists(path))
                {
                    continue;
                }
                byte[] bytes;
                await using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
                {
                    bytes = new byte[file.Length];
                    await file.ReadExactlyAsync(bytes);
                }
                var text = Encoding.Latin1.GetString(bytes);
                if (text.Contains(marker, StringComparison.OrdinalIgnoreCase))
                {
                    found.Add(Path.GetFileName(path));
                }
            }
            return found;
        }
        await using var db = app.OpenContext();
        foreach (var table in db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct())
        {
#pragma warning disable EF1002 // table names from the model
            var count = await db.Database.SqlQueryRaw<int>($"SELECT count(*)::int AS \"Value\" FROM \"{table}\" t WHERE t::text ILIKE {{0}}", $"%{marker}%").SingleAsync();
#pragma warning restore EF1002
            if (count > 0)
            {
                found.Add(table);
            }
        }
        return found;
    }

    [GeneratedRegex(@"https?://\S+/Account/SetPassword\?\S+")]
    private static partial Regex SetPasswordLink();

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}

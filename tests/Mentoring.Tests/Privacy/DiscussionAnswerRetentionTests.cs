using System.Text.Json;
using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Tests.Support;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Testing;

namespace Mentoring.Tests.Privacy;

/// <summary>
/// Discussion answers are kept <c>Retention:DiscussionAnswersMonths</c> (12) after the author's last program that
/// assigns the course ends; an author still in a running program that assigns it keeps theirs.
/// </summary>
public abstract class DiscussionAnswerRetentionTests<TFixture>(TFixture app) : IClassFixture<TFixture> where TFixture : AppFixture
{
    [Fact]
    public async Task An_answer_goes_a_year_after_its_authors_last_program_ends_unless_they_are_still_in_a_running_one()
    {
        using var admin = app.As(Roles.Admin);
        var marker = Guid.NewGuid().ToString("N")[..8];
        int finishedId, goneId, keptId;
        await using (var db = app.OpenContext())
        {
            var now = app.Clock!.GetCurrentInstant();
            var course = new TrainingCourse { Title = "Listening well " + marker, CreatedAt = now };
            var module = new TrainingModule { Course = course, Title = "Questions that open", Order = 1 };
            db.TrainingModules.Add(module);
            var finished = new MentoringProgram { Name = "Spring cohort " + marker, Status = ProgramStatus.Active };
            var running = new MentoringProgram { Name = "Autumn cohort " + marker, Status = ProgramStatus.Active };
            db.Programs.AddRange(finished, running);
            var leaver = new Person { ExternalId = "a" + marker, Name = "Ada " + marker, Email = $"ada-{marker}@example.com" };
            var stayer = new Person { ExternalId = "b" + marker, Name = "Ben " + marker, Email = $"ben-{marker}@example.com" };
            db.People.AddRange(leaver, stayer);
            await db.SaveChangesAsync();
            var question = new DiscussionQuestion { ModuleId = module.Id, Order = 1, Text = "What did you hear last time?" };
            db.DiscussionQuestions.Add(question);
            db.ProgramTrainings.AddRange(
                new ProgramTraining { ProgramId = finished.Id, CourseId = course.Id },
                new ProgramTraining { ProgramId = running.Id, CourseId = course.Id });
            // Ada was only in the spring cohort; Ben was in both.
            db.Enrollments.AddRange(
                new Enrollment { ProgramId = finished.Id, PersonId = leaver.Id, Role = EnrollmentRole.Mentee },
                new Enrollment { ProgramId = finished.Id, PersonId = stayer.Id, Role = EnrollmentRole.Mentee },
                new Enrollment { ProgramId = running.Id, PersonId = stayer.Id, Role = EnrollmentRole.Mentee });
            await db.SaveChangesAsync();
            var leaverAnswer = new DiscussionAnswer { QuestionId = question.Id, PersonId = leaver.Id, Text = "That I interrupt", AnsweredAt = now };
            var stayerAnswer = new DiscussionAnswer { QuestionId = question.Id, PersonId = stayer.Id, Text = "That I rush to advice", AnsweredAt = now };
            db.DiscussionAnswers.AddRange(leaverAnswer, stayerAnswer);
            await db.SaveChangesAsync();
            (finishedId, goneId, keptId) = (finished.Id, leaverAnswer.Id, stayerAnswer.Id);
        }
        using (var completed = await admin.PostJsonAsync($"/api/programs/{finishedId}/transition", new { to = "completed" }))
        {
            await completed.ReadAsync<JsonElement>();
        }
        using (var browser = await BrowserAsync())
        {
            var page = System.Net.WebUtility.HtmlDecode(await browser.GetStringAsync("/Privacy/Retention"));
            Assert.Contains("<dt>Discussion answers</dt><dd>12 months after the author's last program that assigns the course ends</dd>", page, StringComparison.Ordinal);
        }
        var gone = $"discussion-answers discussion-answer {goneId}";
        var kept = $"discussion-answers discussion-answer {keptId}";
        Assert.DoesNotContain(await PreviewAsync(admin), l => l.StartsWith(gone, StringComparison.Ordinal) || l.StartsWith(kept, StringComparison.Ordinal));

        // Eleven months after the spring cohort was completed: not yet.
        app.Clock!.Advance(Duration.FromDays(11 * 31));
        Assert.DoesNotContain(await PreviewAsync(admin), l => l.StartsWith(gone, StringComparison.Ordinal) || l.StartsWith(kept, StringComparison.Ordinal));

        // Thirteen: Ada's answer is due; Ben is still in the autumn cohort, which assigns the course too.
        app.Clock!.Advance(Duration.FromDays(2 * 31));
        var due = await PreviewAsync(admin);
        Assert.Contains(due, l => l.StartsWith(gone + " ", StringComparison.Ordinal));
        Assert.DoesNotContain(due, l => l.StartsWith(kept, StringComparison.Ordinal));
        using (var browser = await BrowserAsync())
        {
            Assert.Contains("An answer to a discussion question of a course whose programs ended", await browser.GetStringAsync("/Privacy/Retention"), StringComparison.Ordinal);
        }
        await using (var db = app.OpenContext())
        {
            Assert.True(await db.DiscussionAnswers.AnyAsync(a => a.Id == goneId), "the dry run removed something");
        }

        using (var run = await admin.PostAsync("/api/privacy/retention/run", null))
        {
            var removed = (await run.ReadAsync<JsonElement>()).GetProperty("items").EnumerateArray().Select(Line).ToList();
            Assert.Contains(removed, l => l.StartsWith(gone + " ", StringComparison.Ordinal));
            Assert.DoesNotContain(removed, l => l.StartsWith(kept, StringComparison.Ordinal));
        }
        await using (var db = app.OpenContext())
        {
            Assert.False(await db.DiscussionAnswers.AnyAsync(a => a.Id == goneId));
            Assert.Equal("That I rush to advice", (await db.DiscussionAnswers.SingleAsync(a => a.Id == keptId)).Text);
        }
        Assert.DoesNotContain(await PreviewAsync(admin), l => l.StartsWith(gone, StringComparison.Ordinal));
    }

    /// <summary>A browser's cookie, signed in now (a sign-in from before the clock moved has expired).</summary>
    private async Task<HttpClient> BrowserAsync() =>
        new(new HttpClientHandler { CookieContainer = await app.SignInAsync(AppFixture.EmailOfRole[Roles.Admin]) }) { BaseAddress = app.BaseAddress };

    private static string Line(JsonElement item) =>
        $"{item.GetProperty("rule").GetString()} {item.GetProperty("entity").GetString()} {item.GetProperty("entityId").GetString()} {item.GetProperty("what").GetString()}";

    private static async Task<List<string>> PreviewAsync(HttpClient admin)
    {
        using var response = await admin.GetAsync("/api/privacy/retention/preview");
        return (await response.ReadAsync<JsonElement>()).GetProperty("items").EnumerateArray().Select(Line).ToList();
    }
}

public sealed class SqliteDiscussionAnswerRetentionTests(FakeClockAppFixture app) : DiscussionAnswerRetentionTests<FakeClockAppFixture>(app);

public sealed class PostgresDiscussionAnswerRetentionTests(PostgresFakeClockAppFixture app) : DiscussionAnswerRetentionTests<PostgresFakeClockAppFixture>(app);

/// <summary>The app on PostgreSQL, on a clock the test moves.</summary>
public sealed class PostgresFakeClockAppFixture() : AppFixture(DatabaseProvider.Postgres, new FakeClock(Instant.FromUtc(2027, 6, 7, 2, 30)));

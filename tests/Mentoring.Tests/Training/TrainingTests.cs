using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Mentoring.Domain;
using Mentoring.Tests.Mentorships;
using Mentoring.Tests.Support;
using Mentoring.Tests.Surveys;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Tests.Training;

/// <summary>Training through the real API on each store: the library, progress, answers and who reads them, the matching rule, completion, self-assessments.</summary>
public abstract class TrainingTests(AppFixture app)
{
    private static async Task<JsonElement> CourseAsync(HttpClient admin, string audience, string title)
    {
        var created = await admin.PostJsonAsync("/api/trainings", new { title, summary = "For the tests", audience });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return await created.ReadAsync<JsonElement>();
    }

    private static async Task<JsonElement> ArticleAsync(HttpClient admin, int courseId, string title, params string[] questions)
    {
        var created = await admin.PostJsonAsync($"/api/trainings/{courseId}/modules", new { title, kind = "article", body = "Listen **first**.", minutes = 5, questions });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return await created.ReadAsync<JsonElement>();
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"errors\"", problem, StringComparison.Ordinal);
        Assert.Contains($"\"{field}\"", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_admin_builds_a_course_and_a_mentor_reads_it_marks_it_done_and_answers()
    {
        using var admin = app.As(Roles.Admin);
        using var mentor = app.As(Roles.Mentor);
        await AssertProblemAsync(await admin.PostJsonAsync("/api/trainings", new { title = "No audience", audience = "manager" }), "audience");
        await AssertProblemAsync(await admin.PostJsonAsync("/api/trainings", new { title = "", audience = "mentor" }), "title");
        Assert.Equal(HttpStatusCode.Forbidden, (await mentor.PostJsonAsync("/api/trainings", new { title = "Mine", audience = "mentor" })).StatusCode);

        var course = await CourseAsync(admin, "reverse-mentor", "Listening well " + Guid.NewGuid().ToString("N")[..6]);
        var courseId = course.GetProperty("id").GetInt32();
        Assert.Equal("reverse-mentor", course.GetProperty("audience").GetString());

        // Markdown renders; raw HTML and script links do not.
        var unsafeModule = await admin.PostJsonAsync($"/api/trainings/{courseId}/modules", new
        {
            title = "Safe text", kind = "article", questions = new[] { "What did you hear?" },
            body = "# Heading\n\nSome **bold** text.\n\n<script>alert('x')</script>\n\n<img src=x onerror=alert(1)>\n\n[click](javascript:alert(1))",
        });
        var safe = await unsafeModule.ReadAsync<JsonElement>();
        var html = safe.GetProperty("bodyHtml").GetString()!;
        Assert.Contains("<strong>bold</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<h1", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);

        await AssertProblemAsync(await admin.PostJsonAsync($"/api/trainings/{courseId}/modules", new { title = "Video", kind = "video", videoUrl = "ftp://example.com/v.mp4" }), "videoUrl");
        await AssertProblemAsync(await admin.PostJsonAsync($"/api/trainings/{courseId}/modules", new { title = "Video", kind = "video" }), "videoUrl");
        await AssertProblemAsync(await admin.PostJsonAsync($"/api/trainings/{courseId}/modules", new { title = "Empty", kind = "article" }), "body");
        await AssertProblemAsync(await admin.PostJsonAsync($"/api/trainings/{courseId}/modules", new { title = "Odd", kind = "podcast", body = "x" }), "kind");
        var video = await (await admin.PostJsonAsync($"/api/trainings/{courseId}/modules", new { title = "Watch", kind = "video", videoUrl = "https://videos.example.com/listening" }))
            .ReadAsync<JsonElement>();
        Assert.Equal("video", video.GetProperty("kind").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostJsonAsync("/api/trainings/999999/modules", new { title = "x", kind = "article", body = "x" })).StatusCode);

        // Editing keeps the question (and its answers) whose text is unchanged.
        var questionId = safe.GetProperty("questions")[0].GetProperty("id").GetInt32();
        var moduleId = safe.GetProperty("id").GetInt32();
        var edited = await (await admin.PutJsonAsync($"/api/trainings/modules/{moduleId}", new
        {
            title = "Safe text", kind = "article", body = "Plain now.", questions = new[] { "What did you hear?", "What will you try?" },
        })).ReadAsync<JsonElement>();
        Assert.Equal(questionId, edited.GetProperty("questions")[0].GetProperty("id").GetInt32());
        Assert.Equal(2, edited.GetProperty("questions").GetArrayLength());

        var library = await (await mentor.GetAsync("/api/trainings")).ReadAsync<JsonElement>();
        Assert.Contains(library.EnumerateArray(), c => c.GetProperty("id").GetInt32() == courseId && c.GetProperty("modules").GetInt32() == 2);
        var read = await (await mentor.GetAsync($"/api/trainings/{courseId}")).ReadAsync<JsonElement>();
        Assert.Equal(2, read.GetProperty("modules").GetArrayLength());
        Assert.False(read.GetProperty("complete").GetBoolean());

        var done = await (await mentor.PostJsonAsync($"/api/trainings/modules/{moduleId}/done", new { done = true })).ReadAsync<JsonElement>();
        Assert.True(done.GetProperty("done").GetBoolean());
        (await mentor.PostJsonAsync($"/api/trainings/modules/{moduleId}/done", new { done = true })).EnsureSuccessStatusCode();
        (await mentor.PostJsonAsync($"/api/trainings/modules/{video.GetProperty("id").GetInt32()}/done", new { })).EnsureSuccessStatusCode();
        read = await (await mentor.GetAsync($"/api/trainings/{courseId}")).ReadAsync<JsonElement>();
        Assert.Equal(2, read.GetProperty("modulesDone").GetInt32());
        Assert.True(read.GetProperty("complete").GetBoolean());
        // The admin's progress is their own: nothing done.
        Assert.Equal(0, (await (await admin.GetAsync($"/api/trainings/{courseId}")).ReadAsync<JsonElement>()).GetProperty("modulesDone").GetInt32());

        await AssertProblemAsync(await mentor.PostJsonAsync($"/api/trainings/questions/{questionId}/answer", new { text = "x", visibility = "everyone" }), "visibility");
        await AssertProblemAsync(await mentor.PostJsonAsync($"/api/trainings/questions/{questionId}/answer", new { text = " ", visibility = "private" }), "text");
        Assert.Equal(HttpStatusCode.NotFound, (await mentor.PostJsonAsync("/api/trainings/questions/999999/answer", new { text = "x" })).StatusCode);
        var answer = await (await mentor.PostJsonAsync($"/api/trainings/questions/{questionId}/answer", new { text = "I heard a lot.", visibility = "pair" })).ReadAsync<JsonElement>();
        Assert.Equal("pair", answer.GetProperty("visibility").GetString());
        var view = await (await mentor.GetAsync($"/api/trainings/modules/{moduleId}")).ReadAsync<JsonElement>();
        Assert.Equal("I heard a lot.", view.GetProperty("myAnswers")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task An_answer_reaches_the_pair_or_the_cohort_only_when_shared_so()
    {
        var pair = await DemoPair.LoadAsync(app);
        using var admin = app.As(Roles.Admin);
        using var mentor = app.As(Roles.Mentor);
        using var mentee = app.As(Roles.Mentee);
        using var sponsor = app.As(Roles.Sponsor);
        var course = await CourseAsync(admin, "mentor", "Sharing " + Guid.NewGuid().ToString("N")[..6]);
        var module = await ArticleAsync(admin, course.GetProperty("id").GetInt32(), "Sharing", "Who helped you grow?");
        var moduleId = module.GetProperty("id").GetInt32();
        var questionId = module.GetProperty("questions")[0].GetProperty("id").GetInt32();
        var marker = "ANSWER-" + Guid.NewGuid().ToString("N")[..10];
        async Task<string> SharedWith(HttpClient client) =>
            (await (await client.GetAsync($"/api/trainings/modules/{moduleId}")).ReadAsync<JsonElement>()).GetProperty("shared").GetRawText();

        (await mentor.PostJsonAsync($"/api/trainings/questions/{questionId}/answer", new { text = marker, visibility = "private" })).EnsureSuccessStatusCode();
        Assert.DoesNotContain(marker, await SharedWith(mentee), StringComparison.Ordinal);

        (await mentor.PostJsonAsync($"/api/trainings/questions/{questionId}/answer", new { text = marker, visibility = "pair" })).EnsureSuccessStatusCode();
        var shared = await SharedWith(mentee);
        Assert.Contains(marker, shared, StringComparison.Ordinal);
        Assert.Contains(pair.MentorName, shared, StringComparison.Ordinal);
        Assert.DoesNotContain(marker, await SharedWith(sponsor), StringComparison.Ordinal);
        Assert.DoesNotContain(marker, await SharedWith(admin), StringComparison.Ordinal);

        // The cohort: people enrolled with the mentor in a program that assigns the course.
        await using (var db = app.OpenContext())
        {
            var other = await db.Enrollments.Where(e => e.ProgramId == pair.ProgramId && e.PersonId != pair.MentorId && e.PersonId != pair.MenteeId && e.Person!.Email != null)
                .Select(e => e.Person!).OrderBy(p => p.Id).FirstAsync(p => !db.Users.Any(u => u.PersonId == p.Id));
            using var cohortMember = await Respondents.ClientAsync(app, other);
            (await mentor.PostJsonAsync($"/api/trainings/questions/{questionId}/answer", new { text = marker, visibility = "cohort" })).EnsureSuccessStatusCode();
            Assert.DoesNotContain(marker, await SharedWith(cohortMember), StringComparison.Ordinal);
            (await admin.PutJsonAsync($"/api/programs/{pair.ProgramId}/trainings", new { courses = new[] { new { courseId = course.GetProperty("id").GetInt32(), requiredBeforeMatching = false } } }))
                .EnsureSuccessStatusCode();
            Assert.Contains(marker, await SharedWith(cohortMember), StringComparison.Ordinal);
            // Someone outside the program does not (the demo sponsor may be enrolled in it, so someone else).
            var outsider = await db.People.Where(p => p.Active && p.Email != null && !db.Users.Any(u => u.PersonId == p.Id)
                    && !db.Enrollments.IgnoreQueryFilters().Any(e => e.PersonId == p.Id && e.ProgramId == pair.ProgramId))
                .OrderBy(p => p.Id).FirstAsync();
            using var outside = await Respondents.ClientAsync(app, outsider);
            Assert.DoesNotContain(marker, await SharedWith(outside), StringComparison.Ordinal);
            // Put the demo program's courses back as they were for the other tests.
            var starter = await db.TrainingCourses.Where(c => c.Key == "starter-mentor").Select(c => c.Id).SingleAsync();
            (await admin.PutJsonAsync($"/api/programs/{pair.ProgramId}/trainings", new { courses = new[] { new { courseId = starter, requiredBeforeMatching = false } } }))
                .EnsureSuccessStatusCode();
        }
    }

    [Fact]
    public async Task A_required_course_keeps_a_mentee_out_of_the_matching_proposal_until_completed()
    {
        using var admin = app.As(Roles.Admin);
        var people = await Respondents.PeopleAsync(app, 2);
        int mentorId;
        await using (var db = app.OpenContext())
        {
            var ids = people.Select(p => p.Id).ToList();
            mentorId = await db.People.Where(p => p.Active && p.Level >= 4 && !ids.Contains(p.Id)).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
        }
        var programId = (await (await admin.PostJsonAsync("/api/programs/", new { name = $"Training rule {Guid.NewGuid():N}", kind = "mentoring", status = "active" }))
            .ReadAsync<JsonElement>()).GetProperty("id").GetInt32();
        (await admin.PostJsonAsync($"/api/programs/{programId}/enrollments", new { personId = mentorId, role = "mentor", capacity = 2 })).EnsureSuccessStatusCode();
        foreach (var p in people)
        {
            (await admin.PostJsonAsync($"/api/programs/{programId}/enrollments", new { personId = p.Id, role = "mentee" })).EnsureSuccessStatusCode();
        }
        var course = await CourseAsync(admin, "mentee", "Before you are matched " + Guid.NewGuid().ToString("N")[..6]);
        var courseId = course.GetProperty("id").GetInt32();
        var module = await ArticleAsync(admin, courseId, "What to expect");
        await AssertProblemAsync(await admin.PutJsonAsync($"/api/programs/{programId}/trainings", new { courses = new[] { new { courseId = 999999, requiredBeforeMatching = true } } }), "courses[0].courseId");
        var assigned = await (await admin.PutJsonAsync($"/api/programs/{programId}/trainings", new { courses = new[] { new { courseId, requiredBeforeMatching = true } } }))
            .ReadAsync<JsonElement>();
        Assert.True(assigned[0].GetProperty("requiredBeforeMatching").GetBoolean());
        Assert.Equal(courseId, (await (await admin.GetAsync($"/api/programs/{programId}/trainings")).ReadAsync<JsonElement>())[0].GetProperty("courseId").GetInt32());

        // The first mentee completes the course; the second has not.
        using (var first = await Respondents.ClientAsync(app, people[0]))
        {
            (await first.PostAsync($"/api/trainings/modules/{module.GetProperty("id").GetInt32()}/done", null)).EnsureSuccessStatusCode();
            var mine = await (await first.GetAsync("/api/trainings/me")).ReadAsync<JsonElement>();
            var entry = mine.GetProperty("assigned").EnumerateArray().Single(a => a.GetProperty("courseId").GetInt32() == courseId);
            Assert.True(entry.GetProperty("complete").GetBoolean());
            Assert.True(entry.GetProperty("requiredBeforeMatching").GetBoolean());
        }

        var started = await admin.PostAsync($"/api/programs/{programId}/matching/runs", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var run = await started.ReadAsync<JsonElement>();
        for (var i = 0; i < 600 && run.GetProperty("status").GetString() == "running"; i++)
        {
            await Task.Delay(100);
            run = await (await admin.GetAsync($"/api/matching/runs/{run.GetProperty("id").GetInt32()}")).ReadAsync<JsonElement>();
        }
        var proposals = run.GetProperty("proposals").EnumerateArray().ToList();
        var held = proposals.Single(p => p.GetProperty("mentee").GetProperty("id").GetInt32() == people[1].Id);
        Assert.Equal(JsonValueKind.Null, held.GetProperty("mentor").ValueKind);
        Assert.Contains("required training not completed", held.GetProperty("unmatchedReason").GetString(), StringComparison.Ordinal);
        Assert.Contains(course.GetProperty("title").GetString()!, held.GetProperty("unmatchedReason").GetString(), StringComparison.Ordinal);
        var free = proposals.Single(p => p.GetProperty("mentee").GetProperty("id").GetInt32() == people[0].Id);
        Assert.DoesNotContain("training", free.GetProperty("unmatchedReason").ToString(), StringComparison.Ordinal);

        // The admin sees the reason on the matching page too.
        using var browser = app.WithCookieOnly(Roles.Admin);
        var page = await browser.GetStringAsync($"/Programs/{programId}/Matching");
        Assert.Contains("Kept out of matching", page, StringComparison.Ordinal);
        // Only the mentee who completed the course is counted as waiting.
        Assert.Contains("1 mentee waits for a mentor", page, StringComparison.Ordinal);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(people[1].Name), page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_module_whose_file_is_refused_is_not_saved_and_one_whose_file_passes_is_a_video()
    {
        using var admin = app.As(Roles.Admin);
        var course = await CourseAsync(admin, "mentor", "Uploads " + Guid.NewGuid().ToString("N")[..6]);
        var courseId = course.GetProperty("id").GetInt32();
        using var browser = app.WithCookieOnly(Roles.Admin);
        async Task<HttpResponseMessage> PostAsync(string title, byte[] bytes, string name)
        {
            var form = await browser.GetStringAsync($"/Training/Manage/Modules?courseId={courseId}");
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");
            using var content = new MultipartFormDataContent
            {
                { new StringContent(AppFixture.AntiforgeryToken(form)), "__RequestVerificationToken" },
                { new StringContent(title), "Input.Title" },
                { new StringContent("video"), "Input.Kind" },
                { new StringContent("5"), "Input.Minutes" },
                { file, "Upload", name },
            };
            return await browser.PostAsync($"/Training/Manage/Modules?courseId={courseId}", content);
        }
        async Task<List<string>> TitlesAsync()
        {
            await using var db = app.OpenContext();
            return await db.TrainingModules.Where(m => m.CourseId == courseId).Select(m => m.Title).ToListAsync();
        }

        using var refused = await PostAsync("Not a video", "plain words, not a video"u8.ToArray(), "talk.mp4");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("is not a video/mp4 video", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await TitlesAsync());

        byte[] mp4 = [0, 0, 0, 0x18, .. "ftypmp42"u8.ToArray(), .. new byte[64]];
        using var passed = await PostAsync("A talk on listening", mp4, "talk.mp4");
        Assert.Equal(HttpStatusCode.Redirect, passed.StatusCode);
        await using var check = app.OpenContext();
        var module = await check.TrainingModules.Include(m => m.Video).SingleAsync(m => m.CourseId == courseId);
        Assert.Equal(("A talk on listening", TrainingModuleKind.Video, mp4.Length), (module.Title, module.Kind, module.Video!.Length));
    }

    [Fact]
    public async Task Deleting_a_module_takes_its_progress_and_answers_and_a_course_a_running_program_assigns_is_kept()
    {
        using var admin = app.As(Roles.Admin);
        using var mentor = app.As(Roles.Mentor);
        var course = await CourseAsync(admin, "mentor", "Deleting " + Guid.NewGuid().ToString("N")[..6]);
        var courseId = course.GetProperty("id").GetInt32();
        var first = await ArticleAsync(admin, courseId, "First steps", "What did you hear?");
        var firstId = first.GetProperty("id").GetInt32();
        await ArticleAsync(admin, courseId, "Next steps");
        (await mentor.PostAsync($"/api/trainings/modules/{firstId}/done", null)).EnsureSuccessStatusCode();
        var questionId = first.GetProperty("questions")[0].GetProperty("id").GetInt32();
        (await mentor.PostJsonAsync($"/api/trainings/questions/{questionId}/answer", new { text = "A lot.", visibility = "private" })).EnsureSuccessStatusCode();

        // The module's page says what goes with it, and deletes nothing until the box is ticked.
        using var browser = app.WithCookieOnly(Roles.Admin);
        var modulePage = await browser.GetStringAsync($"/Training/Manage/Modules/{firstId}");
        Assert.Contains("its questions and any video file, and the progress and 1 answer of 1 person", modulePage, StringComparison.Ordinal);
        async Task<HttpResponseMessage> DeleteThroughPageAsync(string path, bool confirm)
        {
            var page = await browser.GetStringAsync(path);
            var fields = new Dictionary<string, string> { ["__RequestVerificationToken"] = AppFixture.AntiforgeryToken(page[page.IndexOf("delete-heading", StringComparison.Ordinal)..]) };
            if (confirm)
            {
                fields["confirm"] = "true";
            }
            return await browser.PostAsync(path + "?handler=Delete", new FormUrlEncodedContent(fields));
        }
        using (var unticked = await DeleteThroughPageAsync($"/Training/Manage/Modules/{firstId}", confirm: false))
        {
            Assert.Equal(HttpStatusCode.OK, unticked.StatusCode);
            Assert.Contains("Tick the box to confirm the deletion.", await unticked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        await using (var db = app.OpenContext())
        {
            Assert.True(await db.TrainingModules.AnyAsync(m => m.Id == firstId));
        }
        using (var deleted = await DeleteThroughPageAsync($"/Training/Manage/Modules/{firstId}", confirm: true))
        {
            Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
            Assert.Equal($"/Training/Manage/Courses/{courseId}", deleted.Headers.Location?.OriginalString);
        }
        await using (var db = app.OpenContext())
        {
            Assert.False(await db.TrainingModules.AnyAsync(m => m.Id == firstId));
            Assert.False(await db.ModuleCompletions.AnyAsync(c => c.ModuleId == firstId));
            Assert.False(await db.DiscussionAnswers.AnyAsync(a => a.QuestionId == questionId));
            Assert.Equal(["Next steps"], await db.TrainingModules.Where(m => m.CourseId == courseId).Select(m => m.Title).ToListAsync());
        }

        // A running program that assigns the course keeps it, and the course's page says why.
        var programId = await Respondents.ProgramWithAsync(app, await Respondents.PeopleAsync(app, 1));
        (await admin.PutJsonAsync($"/api/programs/{programId}/trainings", new { courses = new[] { new { courseId } } })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Forbidden, (await mentor.DeleteAsync($"/api/trainings/{courseId}")).StatusCode);
        await AssertProblemAsync(await admin.DeleteAsync($"/api/trainings/{courseId}"), "id");
        var blockedPage = await browser.GetStringAsync($"/Training/Manage/Courses/{courseId}");
        Assert.Contains("take it off their training first", blockedPage, StringComparison.Ordinal);
        Assert.DoesNotContain("Delete the course", blockedPage, StringComparison.Ordinal);
        (await admin.PutJsonAsync($"/api/programs/{programId}/trainings", new { courses = Array.Empty<object>() })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/trainings/{courseId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/trainings/{courseId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/trainings/modules/{firstId}")).StatusCode);
        await using var check = app.OpenContext();
        Assert.False(await check.TrainingModules.AnyAsync(m => m.CourseId == courseId));
    }

    [Fact]
    public async Task Completion_by_office_hides_the_small_office_and_the_next_smallest()
    {
        using var admin = app.As(Roles.Admin);
        var london = await Respondents.PeopleAsync(app, 6, office: "London");
        var newYork = await Respondents.PeopleAsync(app, 5, office: "New York");
        var bengaluru = await Respondents.PeopleAsync(app, 2, office: "Bengaluru");
        var everyone = london.Concat(newYork).Concat(bengaluru).ToList();
        var programId = await Respondents.ProgramWithAsync(app, everyone);
        var course = await CourseAsync(admin, "mentee", "Completion " + Guid.NewGuid().ToString("N")[..6]);
        var module = await ArticleAsync(admin, course.GetProperty("id").GetInt32(), "Read me");
        (await admin.PutJsonAsync($"/api/programs/{programId}/trainings", new { courses = new[] { new { courseId = course.GetProperty("id").GetInt32() } } })).EnsureSuccessStatusCode();
        foreach (var person in london.Take(3).Concat(newYork.Take(1)))
        {
            using var client = await Respondents.ClientAsync(app, person);
            (await client.PostAsync($"/api/trainings/modules/{module.GetProperty("id").GetInt32()}/done", null)).EnsureSuccessStatusCode();
        }
        var report = await (await admin.GetAsync($"/api/programs/{programId}/trainings/completion")).ReadAsync<JsonElement>();
        Assert.False(report.GetProperty("hidden").GetBoolean());
        Assert.Equal(13, report.GetProperty("people").GetInt32());
        Assert.Equal(4, report.GetProperty("complete").GetInt32());
        var offices = report.GetProperty("groups").EnumerateArray().Where(g => g.GetProperty("by").GetString() == "office")
            .ToDictionary(g => g.GetProperty("value").GetString()!);
        Assert.False(offices["London"].GetProperty("hidden").GetBoolean());
        Assert.Equal(0.5, offices["London"].GetProperty("rate").GetDouble());
        foreach (var small in new[] { "Bengaluru", "New York" })
        {
            Assert.True(offices[small].GetProperty("hidden").GetBoolean());
            Assert.Equal(JsonValueKind.Null, offices[small].GetProperty("complete").ValueKind);
            Assert.False(string.IsNullOrWhiteSpace(offices[small].GetProperty("reason").GetString()));
        }
        Assert.Contains((await (await admin.GetAsync("/api/trainings/completion")).ReadAsync<JsonElement>()).EnumerateArray(),
            p => p.GetProperty("programId").GetInt32() == programId);

        // The page draws the chart as SVG and says the hidden figures are hidden.
        using var browser = app.WithCookieOnly(Roles.Admin);
        var page = await browser.GetStringAsync($"/Training/Completion?programId={programId}");
        Assert.Contains("<svg class=\"report-chart\"", page, StringComparison.Ordinal);
        Assert.Contains("hidden: fewer than k", page, StringComparison.Ordinal);

        // Under k people in all, nothing but the reason.
        var few = await Respondents.ProgramWithAsync(app, london.Take(4));
        (await admin.PutJsonAsync($"/api/programs/{few}/trainings", new { courses = new[] { new { courseId = course.GetProperty("id").GetInt32() } } })).EnsureSuccessStatusCode();
        var hidden = await (await admin.GetAsync($"/api/programs/{few}/trainings/completion")).ReadAsync<JsonElement>();
        Assert.True(hidden.GetProperty("hidden").GetBoolean());
        Assert.Equal(JsonValueKind.Null, hidden.GetProperty("people").ValueKind);
        Assert.Equal(0, hidden.GetProperty("groups").GetArrayLength());
    }

    [Fact]
    public async Task A_video_file_is_checked_kept_and_served()
    {
        using var admin = app.As(Roles.Admin);
        var course = await CourseAsync(admin, "mentor", "Videos " + Guid.NewGuid().ToString("N")[..6]);
        var module = await ArticleAsync(admin, course.GetProperty("id").GetInt32(), "A talk");
        var moduleId = module.GetProperty("id").GetInt32();
        byte[] mp4 = [0, 0, 0, 0x18, .. "ftypmp42"u8.ToArray(), .. new byte[64]];
        static MultipartFormDataContent Form(byte[] bytes, string name, string type)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue(type);
            return new MultipartFormDataContent { { file, "file", name } };
        }
        await AssertProblemAsync(await admin.PostAsync($"/api/trainings/modules/{moduleId}/video", Form(mp4, "talk.txt", "text/plain")), "file");
        await AssertProblemAsync(await admin.PostAsync($"/api/trainings/modules/{moduleId}/video", Form("not a video at all"u8.ToArray(), "talk.mp4", "video/mp4")), "file");
        await AssertProblemAsync(await admin.PostAsync($"/api/trainings/modules/{moduleId}/video", Form(new byte[26 * 1024 * 1024], "big.mp4", "video/mp4")), "file");
        using var mentor = app.As(Roles.Mentor);
        Assert.Equal(HttpStatusCode.Forbidden, (await mentor.PostAsync($"/api/trainings/modules/{moduleId}/video", Form(mp4, "talk.mp4", "video/mp4"))).StatusCode);
        var saved = await (await admin.PostAsync($"/api/trainings/modules/{moduleId}/video", Form(mp4, "talk.mp4", "video/mp4"))).ReadAsync<JsonElement>();
        Assert.Equal("video", saved.GetProperty("kind").GetString());
        var url = saved.GetProperty("videoFile").GetString()!;
        using var served = await mentor.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("video/mp4", served.Content.Headers.ContentType!.MediaType);
        Assert.Equal(mp4, await served.Content.ReadAsByteArrayAsync());
        using var page = app.WithCookieOnly(Roles.Mentor);
        Assert.Contains($"<video class=\"training-video\" controls preload=\"metadata\" src=\"{url}\"", await page.GetStringAsync($"/Training/Modules/{moduleId}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mentor_sees_their_own_start_and_end_and_the_admin_only_means_over_k()
    {
        var pair = await DemoPair.LoadAsync(app);
        using var mentor = app.As(Roles.Mentor);
        using var mentee = app.As(Roles.Mentee);
        using var admin = app.As(Roles.Admin);
        var url = $"/api/programs/{pair.ProgramId}/self-assessments";
        var items = (await (await mentor.GetAsync(url + "/me")).ReadAsync<JsonElement>()).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("key").GetString()!).ToList();
        Assert.True(items.Count >= 4);
        await AssertProblemAsync(await mentor.PostJsonAsync(url, new { stage = "start", scores = items.ToDictionary(k => k, _ => 6) }), $"scores.{items[0]}");
        await AssertProblemAsync(await mentor.PostJsonAsync(url, new { stage = "middle", scores = items.ToDictionary(k => k, _ => 3) }), "stage");
        Assert.Equal(HttpStatusCode.NotFound, (await mentee.PostJsonAsync(url, new { stage = "start", scores = items.ToDictionary(k => k, _ => 3) })).StatusCode);
        (await mentor.PostJsonAsync(url, new { stage = "start", scores = items.ToDictionary(k => k, _ => 2) })).EnsureSuccessStatusCode();
        var mine = await (await mentor.PostJsonAsync(url, new { stage = "end", scores = items.ToDictionary(k => k, _ => 4) })).ReadAsync<JsonElement>();
        Assert.Equal(2, mine.GetProperty("start").GetProperty(items[0]).GetInt32());
        Assert.Equal(4, mine.GetProperty("end").GetProperty(items[0]).GetInt32());

        var summary = await (await admin.GetAsync(url + "/summary")).ReadAsync<JsonElement>();
        Assert.True(summary.GetProperty("startHidden").GetBoolean());
        Assert.All(summary.GetProperty("items").EnumerateArray(), i => Assert.Equal(JsonValueKind.Null, i.GetProperty("start").ValueKind));

        // Four more mentors make five: the means show, never one mentor's scores.
        await using (var db = app.OpenContext())
        {
            var others = await db.Enrollments.Where(e => e.ProgramId == pair.ProgramId && e.Role == EnrollmentRole.Mentor && e.PersonId != pair.MentorId)
                .OrderBy(e => e.Id).Take(4).Select(e => e.PersonId).ToListAsync();
            db.SelfAssessments.AddRange(others.Select(id => new SelfAssessment
            {
                ProgramId = pair.ProgramId, PersonId = id, Stage = AssessmentStage.Start, Scores = items.ToDictionary(k => k, _ => 3),
            }));
            await db.SaveChangesAsync();
        }
        summary = await (await admin.GetAsync(url + "/summary")).ReadAsync<JsonElement>();
        Assert.False(summary.GetProperty("startHidden").GetBoolean());
        Assert.True(summary.GetProperty("endHidden").GetBoolean());
        Assert.Equal(2.8, summary.GetProperty("items")[0].GetProperty("start").GetDouble());
    }

    [Fact]
    public async Task A_private_answer_reaches_its_author_and_nobody_else()
    {
        var pair = await DemoPair.LoadAsync(app);
        using var mentor = app.As(Roles.Mentor);
        await using var db = app.OpenContext();
        var module = await db.TrainingModules.Include(m => m.Questions).Where(m => m.Course!.Key == "starter-mentor").OrderBy(m => m.Order).FirstAsync();
        var marker = "PRIVATE-ANSWER-" + Guid.NewGuid().ToString("N")[..8];
        (await mentor.PostJsonAsync($"/api/trainings/questions/{module.Questions[0].Id}/answer", new { text = marker, visibility = "private" })).EnsureSuccessStatusCode();
        string[] reads =
        [
            $"/api/trainings/modules/{module.Id}", $"/api/trainings/{module.CourseId}", "/api/trainings/me", "/api/trainings/completion",
            $"/api/programs/{pair.ProgramId}/trainings/completion", "/api/me/export", "/Me/Data", "/api/audit?entity=discussion-answer", "/api/audit/export",
            "/Privacy/Audit", $"/Training/Modules/{module.Id}", "/Training", "/Training/Completion", $"/Programs/{pair.ProgramId}/Training",
        ];
        Assert.Contains(marker, await mentor.GetStringAsync($"/api/trainings/modules/{module.Id}"), StringComparison.Ordinal);
        Assert.Contains(marker, await mentor.GetStringAsync("/api/me/export"), StringComparison.Ordinal);
        using (var page = app.WithCookieOnly(Roles.Mentor))
        {
            Assert.Contains(marker, await page.GetStringAsync($"/Training/Modules/{module.Id}"), StringComparison.Ordinal);
        }
        var leaks = new List<string>();
        var answered = 0;
        foreach (var (who, client) in new[] { ("mentee", app.As(Roles.Mentee)), ("admin", app.As(Roles.Admin)), ("sponsor", app.As(Roles.Sponsor)), ("anonymous", app.Anonymous()) })
        {
            foreach (var url in reads)
            {
                using var response = await client.GetAsync(url);
                answered += response.IsSuccessStatusCode ? 1 : 0;
                if ((await response.Content.ReadAsStringAsync()).Contains(marker, StringComparison.OrdinalIgnoreCase))
                {
                    leaks.Add($"{url} as {who}");
                }
            }
            client.Dispose();
        }
        Assert.True(leaks.Count == 0, "Private answer leaked:\n" + string.Join("\n", leaks));
        Assert.True(answered > 15, "the sweep read almost nothing");
        Assert.False(await db.AuditRecords.AnyAsync(r => r.Changes != null && r.Changes.Contains(marker)));
        Assert.False(await db.Notifications.AnyAsync(n => n.Body.Contains(marker)));
    }
}

public sealed class SqliteTrainingTests(SqliteAppFixture app) : TrainingTests(app), IClassFixture<SqliteAppFixture>;

public sealed class PostgresTrainingTests(PostgresAppFixture app) : TrainingTests(app), IClassFixture<PostgresAppFixture>;

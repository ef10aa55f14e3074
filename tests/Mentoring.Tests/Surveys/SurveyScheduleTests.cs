using Mentoring.Domain;
using Mentoring.Features.Surveys;
using Mentoring.Tests.Support;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Tests.Surveys;

/// <summary>The stage surveys a program sends by itself as the app's clock passes its dates.</summary>
public sealed class SurveyScheduleTests(FakeClockAppFixture app) : IClassFixture<FakeClockAppFixture>
{
    [Fact]
    public async Task The_mid_program_survey_goes_out_once_per_person_when_the_clock_passes_its_date()
    {
        // The clock starts on 2027-06-07; the program runs from 1 May to 31 July, so its middle is 15 June.
        var people = await Respondents.PeopleAsync(app, 3);
        var programId = await Respondents.ProgramWithAsync(app, people, "2027-05-01", "2027-07-31");
        var scheduler = app.App.Services.GetRequiredService<SurveyScheduler>();

        await scheduler.SendDueAsync(CancellationToken.None);
        Assert.Equal(0, await DeliveriesAsync(programId, SurveyTemplate.Middle));
        Assert.Equal(3, await DeliveriesAsync(programId, SurveyTemplate.Start));

        app.Clock!.AdvanceDays(8); // 15 June.
        await scheduler.SendDueAsync(CancellationToken.None);
        await scheduler.SendDueAsync(CancellationToken.None);
        Assert.Equal(3, await DeliveriesAsync(programId, SurveyTemplate.Middle));
        await using (var db = app.OpenContext())
        {
            var title = QuestionBank.Title(SurveyTemplate.Middle);
            var mails = await db.Notifications.Where(n => n.Subject.Contains(title)).ToListAsync();
            var mine = mails.Where(m => people.Any(p => p.Email == m.Recipient)).ToList();
            Assert.Equal(people.Select(p => p.Email).Order(), mine.Select(m => m.Recipient).Order());
        }

        // Someone who joins later gets it once too; those who have not answered get one reminder after a few days.
        var late = (await Respondents.PeopleAsync(app, 1, except: people.Select(p => p.Id))).Single();
        using (var admin = app.As(Roles.Admin))
        {
            (await admin.PostJsonAsync($"/api/programs/{programId}/enrollments", new { personId = late.Id, role = "mentee" })).EnsureSuccessStatusCode();
        }
        await scheduler.SendDueAsync(CancellationToken.None);
        Assert.Equal(4, await DeliveriesAsync(programId, SurveyTemplate.Middle));
        app.Clock.AdvanceDays(4);
        await scheduler.SendDueAsync(CancellationToken.None);
        await scheduler.SendDueAsync(CancellationToken.None);
        await using (var db = app.OpenContext())
        {
            var reminders = await db.Notifications.CountAsync(n => n.Subject.StartsWith("Reminder") && n.Subject.Contains(QuestionBank.Title(SurveyTemplate.Middle)) && n.Recipient == late.Email);
            Assert.Equal(1, reminders);
        }
    }

    private async Task<int> DeliveriesAsync(int programId, SurveyTemplate stage)
    {
        await using var db = app.OpenContext();
        return await db.SurveyDeliveries.CountAsync(d => d.Survey!.ProgramId == programId && d.Survey.AutoStage == stage);
    }
}

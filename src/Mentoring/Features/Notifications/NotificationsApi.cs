using Mentoring.Domain;
using Mentoring.Features.Scheduling;
using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Features.Notifications;

public sealed record CancelSessionInput(string? Reason = null);

/// <summary>
/// Notifications: a person's preferences, a program's chat channels and their test, the admin's
/// delivery list with resend, cancelling a session, and Slack's interactions (anonymous, signed).
/// </summary>
public static class NotificationsApi
{
    public static IServiceCollection AddNotificationsFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SlackOptions>().Bind(configuration.GetSection("Slack"));
        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection("Outbox"));
        services.AddHttpClient("notifications", client => client.Timeout = TimeSpan.FromSeconds(20));
        services.AddScoped<MessageTemplates>().AddScoped<Outbox>().AddScoped<SessionMessages>().AddScoped<SiteAddress>()
            .AddScoped<NotificationSettingsService>().AddScoped<SlackInteractions>().AddScoped<NotificationDigests>();
        services.AddSingleton<UnsubscribeLinks>();
        services.AddHostedService<NotificationScheduler>();
        return services;
    }

    public static RouteGroupBuilder MapNotificationsApi(this RouteGroupBuilder api)
    {
        var me = api.MapGroup("/").WithTags("Notifications").RequireAuthorization(Policies.SignedIn);
        me.MapGet("/me/notifications", Mine).WithName("MyNotifications").WithSummary("My channels, quiet hours, digest and unsubscribed kinds of message.");
        me.MapPut("/me/notifications", SaveMine).WithName("SaveMyNotifications").WithSummary("Choose my channels, quiet hours (HH:mm in my zone), digest and what I unsubscribed from.");
        me.MapPost("/sessions/{id:int}/cancel", Cancel).WithName("CancelSession")
            .WithSummary("Cancel a session (the admin or the host): everyone gets METHOD:CANCEL with the same UID and the reason.");

        var admin = api.MapGroup("/").WithTags("Notifications").RequireAuthorization(Policies.Admin);
        admin.MapGet("/programs/{id:int}/notifications", ProgramChannels).WithName("ProgramNotifications").WithSummary("The program's Slack and Teams channels and reminder offsets.");
        admin.MapPut("/programs/{id:int}/notifications", SaveProgram).WithName("SaveProgramNotifications")
            .WithSummary("Set the program's Slack webhook or channel, Teams Workflows webhook, and reminder hours.");
        admin.MapPost("/programs/{id:int}/notifications/test", Test).WithName("TestProgramNotifications")
            .WithSummary("Send a test message to the program's channels now; answers how each went.");
        admin.MapGet("/notifications", Deliveries).WithName("Deliveries").WithSummary("Messages and where each stands (status=dead for the dead letters).");
        admin.MapPost("/notifications/{id:int}/resend", Resend).WithName("ResendNotification").WithSummary("Send a dead or unconfirmed message again.");

        api.MapPost("/slack/interactions", Interactions).AllowAnonymous().WithTags("Notifications").WithName("SlackInteractions")
            .WithSummary("Slack's interactive buttons; only with a valid X-Slack-Signature from the last five minutes.");
        return api;
    }

    private static async Task<Results<Ok<NotificationPreferencesDto>, NotFound, ValidationProblem>> Mine(
        NotificationSettingsService service, CurrentPerson current, CancellationToken cancellationToken) =>
        (await service.MineAsync(await current.IdAsync(cancellationToken), cancellationToken)).ToOk();

    private static async Task<Results<Ok<NotificationPreferencesDto>, NotFound, ValidationProblem>> SaveMine(
        NotificationPreferencesInput input, NotificationSettingsService service, CurrentPerson current, CancellationToken cancellationToken) =>
        (await service.SaveMineAsync(await current.IdAsync(cancellationToken), input, cancellationToken)).ToOk();

    private static async Task<Results<Ok<SessionDto>, NotFound, ValidationProblem>> Cancel(
        int id, CancelSessionInput input, SchedulingService scheduling, CurrentPerson current, Data.MentoringDbContext db, CancellationToken cancellationToken)
    {
        var outcome = await scheduling.CancelAsync(id, await current.IdAsync(cancellationToken), current.IsAdmin, input.Reason, cancellationToken);
        if (!outcome.Succeeded)
        {
            return outcome.IsNotFound ? TypedResults.NotFound() : outcome.ToProblem();
        }
        var session = await db.Sessions.AsNoTracking().Include(s => s.Host).Include(s => s.Attendees).ThenInclude(a => a.Person)
            .SingleAsync(s => s.Id == id, cancellationToken);
        return TypedResults.Ok(SessionDto.From(session));
    }

    private static async Task<Results<Ok<ProgramNotificationsDto>, NotFound, ValidationProblem>> ProgramChannels(
        int id, NotificationSettingsService service, CancellationToken cancellationToken) => (await service.ProgramAsync(id, cancellationToken)).ToOk();

    private static async Task<Results<Ok<ProgramNotificationsDto>, NotFound, ValidationProblem>> SaveProgram(
        int id, ProgramNotificationsInput input, NotificationSettingsService service, CancellationToken cancellationToken) =>
        (await service.SaveProgramAsync(id, input, cancellationToken)).ToOk();

    private static async Task<Results<Ok<IReadOnlyList<DeliveryDto>>, NotFound, ValidationProblem>> Test(
        int id, NotificationSettingsService service, OutboxDispatcher dispatcher, CancellationToken cancellationToken)
    {
        var rows = await service.TestAsync(id, cancellationToken);
        if (!rows.Succeeded)
        {
            return rows.IsNotFound ? TypedResults.NotFound() : rows.ToProblem();
        }
        await dispatcher.SendAsync(rows.Value!, cancellationToken);
        var all = await service.DeliveriesAsync(null, 50, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<DeliveryDto>>(all.Where(d => rows.Value!.Contains(d.Id)).ToList());
    }

    private static async Task<Ok<IReadOnlyList<DeliveryDto>>> Deliveries(
        NotificationSettingsService service, [FromQuery] NotificationStatus[]? status, CancellationToken cancellationToken, [FromQuery] int take = 200) =>
        TypedResults.Ok(await service.DeliveriesAsync(status, take, cancellationToken));

    private static async Task<Results<Ok<DeliveryDto>, NotFound, ValidationProblem>> Resend(
        int id, NotificationSettingsService service, CancellationToken cancellationToken) => (await service.ResendAsync(id, cancellationToken)).ToOk();

    private static async Task<Results<Ok<SlackAnswer>, UnauthorizedHttpResult>> Interactions(
        HttpRequest request, SlackInteractions slack, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body, System.Text.Encoding.UTF8);
        var body = await reader.ReadToEndAsync(cancellationToken);
        if (!slack.Verify(request.Headers["X-Slack-Request-Timestamp"], request.Headers["X-Slack-Signature"], body))
        {
            return TypedResults.Unauthorized();
        }
        return TypedResults.Ok(new SlackAnswer("ephemeral", await slack.HandleAsync(body, cancellationToken)));
    }

    public sealed record SlackAnswer([property: System.Text.Json.Serialization.JsonPropertyName("response_type")] string ResponseType, string Text);
}

using System.Text.Json;
using System.Text.Json.Serialization;
using Mentoring.Data;
using Mentoring.Features.Demo;
using Mentoring.Features.Dashboard;
using Mentoring.Features.Applications;
using Mentoring.Features.Enrollments;
using Mentoring.Features.Groups;
using Mentoring.Features.Matching;
using Mentoring.Features.Mentorships;
using Mentoring.Features.Roulette;
using Mentoring.Features.Scheduling;
using Mentoring.Features.Offices;
using Mentoring.Features.People;
using Mentoring.Features.Privacy;
using Mentoring.Features.Programs;
using Mentoring.Features.Reports;
using Mentoring.Features.Accounts;
using Mentoring.Features.Profiles;
using Mentoring.Features.Scim;
using Mentoring.Features.Cohorts;
using Mentoring.Features.Dialogues;
using Mentoring.Features.Notifications;
using Mentoring.Features.Surveys;
using Mentoring.Features.Training;
using Mentoring.Infrastructure;
using Mentoring.Infrastructure.Jobs;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NodaTime;
using NodaTime.Text;
using Scalar.AspNetCore;

namespace Mentoring;

/// <summary>
/// Builds the web app: services, the middleware pipeline, pages and the JSON API. Used by
/// <c>mentoring serve</c> and by the tests, which start the same app on a free loopback port.
/// </summary>
public static class MentoringWebApp
{
    public const string DefaultUrl = "http://localhost:5080";

    /// <param name="configurationArgs">Settings in command-line form (<c>--Key=value</c>).</param>
    /// <param name="overrideServices">For tests: replaces services after the app's own (a <c>FakeClock</c>).</param>
    public static WebApplication Create(string[] configurationArgs, Action<IServiceCollection>? overrideServices = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = configurationArgs,
            // Named explicitly: when the app is hosted by another program (a test runner), the entry
            // assembly is not ours, and Razor would find no pages.
            ApplicationName = typeof(MentoringWebApp).Assembly.GetName().Name,
            // Pages, static files and appsettings ship beside the executable, wherever it is run from.
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        AddServices(builder.Services, builder.Configuration);
        overrideServices?.Invoke(builder.Services);
        var app = builder.Build();
        Configure(app);
        return app;
    }

    public static void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddMentoringClock(configuration);
        services.AddMentoringDatabase(configuration);
        services.AddMentoringAuthentication(configuration);
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentPerson>();
        services.AddPeopleFeature();
        services.AddOfficesFeature();
        services.AddProgramsFeature();
        services.AddAccountFeature();
        services.AddMatchingFeature();
        services.AddRouletteFeature();
        services.AddGroupsFeature();
        services.AddSchedulingFeature();
        services.AddOptions<Mentoring.Engine.Common.EngineOptions>().Bind(configuration.GetSection(Mentoring.Engine.Common.EngineOptions.Section))
            .Validate(o => o.Workers is >= 1 and <= 256, "Engine:Workers must be from 1 to 256").ValidateOnStart();
        services.AddEnrollmentFeature();
        services.AddApplicationsFeature();
        services.AddScimFeature();
        services.AddProfilesFeature();
        services.AddMentorshipSpaceFeature();
        services.AddCohortsFeature();
        services.AddDialoguesFeature();
        services.AddReportsFeature(configuration);
        services.AddHostedService<ReportWarmUp>();
        services.AddPrivacyFeature(configuration);
        services.AddSurveysFeature(configuration);
        services.AddProgramLifecycleFeature();
        services.AddTrainingFeature(configuration);
        services.AddMentoringJobs(configuration);
        services.AddOptions<SmtpOptions>().Bind(configuration.GetSection("Smtp"));
        services.AddNotificationsFeature(configuration);
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        services.AddDemoFeature(configuration);
        services.AddDashboardFeature(configuration);

        services.ConfigureHttpJsonOptions(options =>
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower)));
        services.AddInputRules();
        services.AddProblemDetails();
        services.AddValidation();
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Mentoring API";
            document.Info.Description = "The JSON API of a hybrid mentoring platform: the roster (people, offices), programs and "
                + "enrollments (one by one or in bulk by rule); matching (settings, runs, review, publish) and each person's mentorships and mentor requests; "
                + "each pair's space (plan, goals and milestones, sessions, notes, reflections, check-ins, fit check, close-out) and each program's relationship health; "
                + "coffee roulette (rounds, opt-in, \"did you meet?\"); group formats (group lunches, cohorts, coworking with "
                + "check-in plans); hybrid scheduling (plans, answers, office days, calendar feeds); background jobs (matching runs, imports, "
                + "compositions and plans, with their status); the account's API tokens and the admin's SCIM tokens (provisioning "
                + "itself is SCIM 2.0 at /scim/v2). "
                + "Errors are ProblemDetails naming the field at fault. "
                + "Authenticate with a personal API token: Authorization: Bearer mtk_…";
            return Task.CompletedTask;
        }));
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.AddMentoringOperations(configuration);
        services.AddRazorPages(options =>
        {
            // Pages live with their feature (Features/People/Index.cshtml is /People).
            options.RootDirectory = "/Features";
            options.Conventions.AuthorizeFolder("/", Policies.SignedIn);
            options.Conventions.AuthorizeFolder("/People", Policies.Admin);
            options.Conventions.AuthorizeFolder("/Offices", Policies.Admin);
            options.Conventions.AuthorizeFolder("/Programs", Policies.SignedIn);
            options.Conventions.AuthorizePage("/Programs/Edit", Policies.Admin);
            // A program's matching, roulette and group formats are run by admins; a group's own page
            // and My mentoring check in the page who the caller is (host, member, mentor, mentee).
            options.Conventions.AuthorizeFolder("/Matching", Policies.Admin);
            options.Conventions.AuthorizeFolder("/Roulette", Policies.Admin);
            options.Conventions.AuthorizePage("/Groups/Index", Policies.Admin);
            options.Conventions.AuthorizePage("/Groups/Details", Policies.SignedIn);
            options.Conventions.AuthorizeFolder("/Me", Policies.SignedIn);
            // A pair's space checks in the page that the caller is its mentor or mentee; a program's health is the admins'.
            options.Conventions.AuthorizePage("/Mentorships/Space", Policies.SignedIn);
            options.Conventions.AuthorizePage("/Mentorships/Health", Policies.Admin);
            // A program's or group's board checks in the page that the caller is in the cohort (or an admin).
            options.Conventions.AuthorizeFolder("/Cohorts", Policies.SignedIn);
            options.Conventions.AuthorizePage("/Dialogues/Index", Policies.SignedIn);
            options.Conventions.AuthorizePage("/Dialogues/Edit", Policies.Admin);
            // The audit trail, erasure and retention are the admin's; a person's own data page is theirs.
            options.Conventions.AuthorizePage("/Privacy/Audit", Policies.Admin);
            options.Conventions.AuthorizePage("/Privacy/Erase", Policies.Admin);
            options.Conventions.AuthorizePage("/Privacy/Retention", Policies.Admin);
            options.Conventions.AuthorizePage("/Privacy/MyData", Policies.SignedIn);
            // Surveys: the admin runs them, the admin and the program's sponsor read aggregates, each person answers their own.
            options.Conventions.AuthorizePage("/Surveys/Index", Policies.Admin);
            options.Conventions.AuthorizePage("/Surveys/Results", Policies.AdminOrSponsor);
            options.Conventions.AuthorizePage("/Surveys/Answer", Policies.SignedIn);
            options.Conventions.AuthorizePage("/Programs/Evaluation", Policies.AdminOrSponsor);
            // Training: anyone signed in reads the library and keeps their own progress; the admin writes it and reads completion.
            options.Conventions.AuthorizeFolder("/Training", Policies.SignedIn);
            options.Conventions.AuthorizePage("/Training/Manage", Policies.Admin);
            options.Conventions.AuthorizePage("/Training/EditCourse", Policies.Admin);
            options.Conventions.AuthorizePage("/Training/EditModule", Policies.Admin);
            options.Conventions.AuthorizePage("/Training/ProgramTraining", Policies.Admin);
            options.Conventions.AuthorizePage("/Training/Completion", Policies.Admin);
            // The scheduling pages sit with the scheduling feature: /Programs/{id}/Schedule and /Sessions.
            options.Conventions.AuthorizePage("/Scheduling/Schedule", Policies.Admin);
            options.Conventions.AuthorizePage("/Scheduling/Sessions", Policies.SignedIn);
            // Reports sit with their feature: /Programs/{id}/Report, its printable form, and /Reports.
            options.Conventions.AuthorizeFolder("/Reports", Policies.AdminOrSponsor);
            // The account pages sit with the account API in Features/Accounts and are served under /Account.
            options.Conventions.AllowAnonymousToPage("/Accounts/SignIn");
            options.Conventions.AllowAnonymousToPage("/Accounts/Denied");
            options.Conventions.AllowAnonymousToPage("/Accounts/ExternalCallback");
            options.Conventions.AllowAnonymousToPage("/Error");
            // Messages: the delivery list, templates and a program's channels are the admin's; My notifications
            // is anyone's; an unsubscribe link works without signing in, by its signed token.
            options.Conventions.AuthorizePage("/Notifications/Index", Policies.Admin);
            options.Conventions.AuthorizePage("/Notifications/Templates", Policies.Admin);
            options.Conventions.AuthorizePage("/Notifications/ProgramChannels", Policies.Admin);
            options.Conventions.AllowAnonymousToPage("/Notifications/Unsubscribe");
        }).AddMvcOptions(options => options.Filters.Add<PageConnectionFilter>());
    }

    public static void Configure(WebApplication app)
    {
        app.UseConfiguredForwardedHeaders(app.Configuration);
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            // An unexpected error: ProblemDetails for the API, the error page for people.
            app.UseWhen(IsApi, api => api.UseExceptionHandler());
            app.UseWhen(context => !IsApi(context), pages => pages.UseExceptionHandler("/Error"));
        }
        // Bare status codes: API callers get ProblemDetails, people get a page.
        app.UseWhen(IsApi, api => api.UseStatusCodePages(async context =>
        {
            var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
            await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context.HttpContext });
        }));
        app.UseWhen(context => !IsApi(context), pages => pages.UseStatusCodePagesWithReExecute("/Error", "?code={0}"));
        app.UseInputRules();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseCrossSiteRequestGuard();
        app.UseAuthorization();

        app.MapOpenApi().AllowAnonymous();
        // The reference only: no AI agent, no client/SDK generator, no deploy toolbar, nothing fetched from elsewhere.
        app.MapScalarApiReference("/api/reference", options => options.WithTitle("Mentoring API")
            .HideClientButton().DisableAgent().DisableMcp().HideDeveloperTools().DisableTelemetry().DisableDefaultFonts()).AllowAnonymous();
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteHealth }).AllowAnonymous();
        app.MapMentoringOperations();

        var api = app.MapGroup("/api");
        api.MapAccountApi();
        api.MapPeopleApi();
        api.MapOfficesApi();
        api.MapProgramsApi();
        api.MapMatchingApi();
        api.MapMentorshipsApi();
        api.MapRouletteApi();
        api.MapGroupsApi();
        api.MapSchedulingApi();
        api.MapEnrollmentApi();
        api.MapApplicationsApi();
        api.MapJobsApi();
        api.MapProfilesApi();
        api.MapMentorshipSpaceApi();
        api.MapCohortsApi();
        api.MapDialoguesApi();
        api.MapNotificationsApi();
        api.MapReportsApi();
        api.MapPrivacyApi();
        api.MapSurveysApi();
        api.MapProgramLifecycleApi();
        api.MapTrainingApi();
        app.MapCalendarFeed();
        app.MapScimApi();

        app.MapRazorPages();
        app.MapAccountEndpoints();
    }

    private static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");

    private static Task WriteHealth(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var clock = context.RequestServices.GetRequiredService<IClock>();
        var body = new
        {
            status = report.Status.ToString(),
            // The app's own time: with Clock:Now set it is not the machine's.
            now = InstantPattern.ExtendedIso.Format(clock.GetCurrentInstant()),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }
}

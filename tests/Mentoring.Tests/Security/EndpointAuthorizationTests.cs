using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Mentoring.Domain;
using Mentoring.Features.Scim;
using Mentoring.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Mentoring.Tests.Security;

/// <summary>Who may reach an endpoint.</summary>
public enum Access
{
    Anonymous,
    SignedIn,
    AdminOrSponsor,
    Admin,

    /// <summary>Only an identity provider's SCIM token; no personal token or sign-in opens it.</summary>
    Scim,

    /// <summary>Anonymous, but only with Slack's signature (X-Slack-Signature): every caller here lacks it, so 401.</summary>
    SlackSignature,
}

/// <summary>
/// Every endpoint the app maps, called anonymously and as each role, against the expected matrix
/// below. A new endpoint that is not in the matrix fails this test, so nobody adds one without
/// deciding who may call it.
/// </summary>
public sealed partial class EndpointAuthorizationTests(ScaleOut.MetricsAppFixture app) : IClassFixture<ScaleOut.MetricsAppFixture>
{
    private static readonly Dictionary<string, Access> Matrix = new()
    {
        ["GET /health"] = Access.Anonymous,
        // For load balancers and scrapers, which carry no credentials; /metrics is mapped only with
        // Metrics:Enabled (on in this fixture) and is kept to the scraper's network at the proxy.
        ["GET /health/live"] = Access.Anonymous,
        ["GET /health/ready"] = Access.Anonymous,
        ["GET /metrics"] = Access.Anonymous,
        ["GET /openapi/{documentName}.json"] = Access.Anonymous,
        ["GET /api/reference/{documentName?}"] = Access.Anonymous,
        ["GET /api/reference/scalar.js"] = Access.Anonymous,
        ["GET /api/reference/scalar.aspnetcore.js"] = Access.Anonymous,
        ["GET /api/reference/favicon.svg"] = Access.Anonymous,
        ["GET /api/me/"] = Access.SignedIn,
        ["GET /api/tokens/"] = Access.SignedIn,
        ["POST /api/tokens/"] = Access.SignedIn,
        ["DELETE /api/tokens/{id:int}"] = Access.SignedIn,
        ["GET /api/people/"] = Access.Admin,
        ["GET /api/people/{id:int}"] = Access.Admin,
        ["POST /api/people/"] = Access.Admin,
        ["PUT /api/people/{id:int}"] = Access.Admin,
        ["POST /api/people/{id:int}/deactivate"] = Access.Admin,
        ["POST /api/people/import"] = Access.Admin,
        ["GET /api/people/export"] = Access.Admin,
        ["GET /api/offices/"] = Access.SignedIn,
        ["GET /api/offices/{id:int}"] = Access.SignedIn,
        ["POST /api/offices/"] = Access.Admin,
        ["PUT /api/offices/{id:int}"] = Access.Admin,
        ["GET /api/programs/"] = Access.SignedIn,
        ["GET /api/programs/{id:int}"] = Access.SignedIn,
        ["POST /api/programs/"] = Access.Admin,
        ["PUT /api/programs/{id:int}"] = Access.Admin,
        ["GET /api/programs/{id:int}/enrollments"] = Access.Admin,
        ["POST /api/programs/{id:int}/enrollments"] = Access.Admin,
        ["POST /api/programs/{id:int}/enrollments/bulk"] = Access.Admin,
        ["PUT /api/enrollments/{id:int}"] = Access.Admin,
        ["GET /api/programs/{id:int}/application-form"] = Access.Admin,
        ["PUT /api/programs/{id:int}/application-form"] = Access.Admin,
        ["GET /api/programs/open"] = Access.SignedIn,
        ["POST /api/programs/{id:int}/applications"] = Access.SignedIn,
        ["GET /api/me/applications"] = Access.SignedIn,
        ["GET /api/programs/{id:int}/applications"] = Access.Admin,
        ["POST /api/applications/{id:int}/approve"] = Access.Admin,
        ["POST /api/applications/{id:int}/decline"] = Access.Admin,
        ["POST /api/applications/{id:int}/withdraw"] = Access.SignedIn,
        ["DELETE /api/enrollments/{id:int}"] = Access.Admin,
        ["GET /api/programs/{programId:int}/matching/settings"] = Access.Admin,
        ["PUT /api/programs/{programId:int}/matching/settings"] = Access.Admin,
        ["POST /api/programs/{programId:int}/matching/runs"] = Access.Admin,
        ["GET /api/programs/{programId:int}/matching/runs"] = Access.Admin,
        ["GET /api/programs/{programId:int}/mentorships"] = Access.Admin,
        ["GET /api/matching/runs/{runId:int}/"] = Access.Admin,
        ["POST /api/matching/runs/{runId:int}/proposals/{proposalId:int}/lock"] = Access.Admin,
        ["POST /api/matching/runs/{runId:int}/proposals/{proposalId:int}/mentor"] = Access.Admin,
        ["GET /api/matching/runs/{runId:int}/proposals/{proposalId:int}/alternatives"] = Access.Admin,
        ["POST /api/matching/runs/{runId:int}/publish"] = Access.Admin,
        ["GET /api/me/mentorships"] = Access.SignedIn,
        ["POST /api/mentorships/{id:int}/decline"] = Access.SignedIn,
        ["GET /api/programs/{programId:int}/suggestions"] = Access.SignedIn,
        ["POST /api/programs/{programId:int}/requests"] = Access.SignedIn,
        ["GET /api/me/requests"] = Access.SignedIn,
        ["POST /api/requests/{id:int}/accept"] = Access.SignedIn,
        ["POST /api/requests/{id:int}/decline"] = Access.SignedIn,
        ["POST /api/requests/{id:int}/withdraw"] = Access.SignedIn,
        ["GET /api/programs/{programId:int}/roulette/"] = Access.Admin,
        ["PUT /api/programs/{programId:int}/roulette/settings"] = Access.Admin,
        ["POST /api/programs/{programId:int}/roulette/rounds"] = Access.Admin,
        ["GET /api/roulette/rounds/{roundId:int}"] = Access.Admin,
        ["GET /api/programs/{programId:int}/roulette/me"] = Access.SignedIn,
        ["PUT /api/programs/{programId:int}/roulette/me"] = Access.SignedIn,
        ["POST /api/roulette/pairings/{pairingId:int}/met"] = Access.SignedIn,
        ["POST /api/programs/{programId:int}/groups/compose"] = Access.Admin,
        ["GET /api/programs/{programId:int}/groups/"] = Access.Admin,
        ["GET /api/groups/{id:int}"] = Access.SignedIn,
        ["GET /api/groups/{id:int}/check-in-plan"] = Access.SignedIn,
        ["PUT /api/groups/{id:int}/me/goal"] = Access.SignedIn,
        ["POST /api/groups/{id:int}/me/checkin"] = Access.SignedIn,
        ["GET /api/me/groups"] = Access.SignedIn,
        ["POST /api/programs/{programId:int}/schedule/"] = Access.Admin,
        ["GET /api/programs/{programId:int}/schedule/"] = Access.Admin,
        ["GET /api/programs/{programId:int}/schedule/office-days"] = Access.Admin,
        ["GET /api/programs/{id:int}/report"] = Access.AdminOrSponsor,
        ["GET /api/programs/{id:int}/report.csv"] = Access.AdminOrSponsor,
        ["GET /api/programs/{id:int}/report.pdf"] = Access.AdminOrSponsor,
        ["GET /api/programs/{id:int}/report/snapshots"] = Access.AdminOrSponsor,
        ["GET /api/reports/organisation"] = Access.AdminOrSponsor,
        ["GET /api/me/sessions"] = Access.SignedIn,
        ["POST /api/sessions/{id:int}/respond"] = Access.SignedIn,
        ["PUT /api/me/presence"] = Access.SignedIn,
        ["GET /api/me/calendar"] = Access.SignedIn,
        ["POST /api/me/calendar"] = Access.SignedIn,
        ["DELETE /api/me/calendar"] = Access.SignedIn,
        ["GET /api/me/profile/"] = Access.SignedIn,
        ["PUT /api/me/profile/"] = Access.SignedIn,
        ["GET /api/programs/{id:int}/thin-profiles"] = Access.Admin,
        ["GET /calendar/{token}.ics"] = Access.Anonymous,
        ["POST /api/programs/{id:int}/surveys/"] = Access.Admin,
        ["GET /api/programs/{id:int}/surveys/"] = Access.AdminOrSponsor,
        ["GET /api/programs/{id:int}/surveys/comparison"] = Access.AdminOrSponsor,
        ["GET /api/surveys/{id:int}/"] = Access.SignedIn,
        ["POST /api/surveys/{id:int}/send"] = Access.Admin,
        ["POST /api/surveys/{id:int}/responses"] = Access.SignedIn,
        ["GET /api/surveys/{id:int}/responses/me"] = Access.SignedIn,
        ["GET /api/surveys/{id:int}/results"] = Access.AdminOrSponsor,
        ["GET /api/surveys/{id:int}/results.csv"] = Access.AdminOrSponsor,
        ["GET /api/me/surveys"] = Access.SignedIn,
        ["GET /api/programs/{id:int}/lifecycle"] = Access.Admin,
        ["POST /api/programs/{id:int}/transition"] = Access.Admin,
        ["PUT /api/programs/{id:int}/criteria"] = Access.Admin,
        ["PUT /api/programs/{id:int}/sponsor"] = Access.Admin,
        ["PUT /api/programs/{id:int}/survey-settings"] = Access.Admin,
        ["GET /api/programs/{id:int}/evaluation"] = Access.AdminOrSponsor,
        ["POST /api/programs/{id:int}/sponsor-message"] = Access.AdminOrSponsor,
        ["GET /api/jobs/{id:guid}"] = Access.Admin,
        ["GET /api/mentorships/{id:int}/plan"] = Access.SignedIn,
        ["PUT /api/mentorships/{id:int}/plan"] = Access.SignedIn,
        ["POST /api/mentorships/{id:int}/plan/confirm"] = Access.SignedIn,
        ["GET /api/mentorships/{id:int}/plan/calendar"] = Access.SignedIn,
        ["GET /api/mentorships/{id:int}/goals"] = Access.SignedIn,
        ["POST /api/mentorships/{id:int}/goals"] = Access.SignedIn,
        ["PUT /api/goals/{id:int}"] = Access.SignedIn,
        ["POST /api/goals/{id:int}/milestones"] = Access.SignedIn,
        ["POST /api/milestones/{id:int}/done"] = Access.SignedIn,
        ["GET /api/mentorships/{id:int}/sessions"] = Access.SignedIn,
        ["POST /api/mentorships/{id:int}/sessions"] = Access.SignedIn,
        ["PUT /api/sessions/{id:int}/notes"] = Access.SignedIn,
        ["POST /api/sessions/{id:int}/rating"] = Access.SignedIn,
        ["GET /api/mentorships/{id:int}/notes"] = Access.SignedIn,
        ["POST /api/mentorships/{id:int}/notes"] = Access.SignedIn,
        ["GET /api/mentorships/{id:int}/reflections"] = Access.SignedIn,
        ["POST /api/mentorships/{id:int}/reflections"] = Access.SignedIn,
        ["GET /api/mentorships/{id:int}/checkins"] = Access.SignedIn,
        ["POST /api/mentorships/{id:int}/checkins"] = Access.SignedIn,
        ["GET /api/mentorships/{id:int}/fit"] = Access.SignedIn,
        ["POST /api/mentorships/{id:int}/fit"] = Access.SignedIn,
        ["POST /api/mentorships/{id:int}/close"] = Access.SignedIn,
        ["GET /api/mentorships/{id:int}/action-items"] = Access.SignedIn,
        ["POST /api/mentorships/{id:int}/action-items"] = Access.SignedIn,
        ["POST /api/action-items/{id:int}/done"] = Access.SignedIn,
        ["GET /api/programs/{id:int}/health/"] = Access.Admin,
        ["GET /api/programs/{id:int}/health/groups"] = Access.Admin,
        ["GET /api/programs/{id:int}/health/rule"] = Access.Admin,
        ["PUT /api/programs/{id:int}/health/rule"] = Access.Admin,
        ["POST /api/programs/{id:int}/health/{mentorshipId:int}/rematch"] = Access.Admin,
        // A group's space: signed in, and then only its host and members (anyone else gets 404).
        ["GET /api/groups/{id:int}/plan"] = Access.SignedIn,
        ["PUT /api/groups/{id:int}/plan"] = Access.SignedIn,
        ["POST /api/groups/{id:int}/plan/confirm"] = Access.SignedIn,
        ["GET /api/groups/{id:int}/goals"] = Access.SignedIn,
        ["POST /api/groups/{id:int}/goals"] = Access.SignedIn,
        ["GET /api/groups/{id:int}/sessions"] = Access.SignedIn,
        ["POST /api/groups/{id:int}/sessions"] = Access.SignedIn,
        ["GET /api/groups/{id:int}/notes"] = Access.SignedIn,
        ["POST /api/groups/{id:int}/notes"] = Access.SignedIn,
        ["GET /api/groups/{id:int}/reflections"] = Access.SignedIn,
        ["POST /api/groups/{id:int}/reflections"] = Access.SignedIn,
        ["GET /api/groups/{id:int}/checkins"] = Access.SignedIn,
        ["POST /api/groups/{id:int}/checkins"] = Access.SignedIn,
        ["GET /api/groups/{id:int}/action-items"] = Access.SignedIn,
        ["POST /api/groups/{id:int}/action-items"] = Access.SignedIn,
        ["POST /Account/SignOut"] = Access.SignedIn,
        ["GET /api/accounts/"] = Access.Admin,
        ["PUT /api/accounts/{id}/roles"] = Access.Admin,
        ["POST /api/accounts/{id}/disable"] = Access.Admin,
        ["POST /api/accounts/{id}/enable"] = Access.Admin,
        ["POST /api/accounts/{id}/password-reset"] = Access.Admin,
        ["POST /api/people/{id:int}/invitation"] = Access.Admin,
        ["DELETE /api/people/{id:int}/invitation"] = Access.Admin,
        ["POST /api/people/invitations"] = Access.Admin,
        ["POST /api/account/forgot-password"] = Access.Anonymous,
        ["GET /api/scim/tokens/"] = Access.Admin,
        ["POST /api/scim/tokens/"] = Access.Admin,
        ["DELETE /api/scim/tokens/{id:int}"] = Access.Admin,
        ["GET /scim/v2/ServiceProviderConfig"] = Access.Scim,
        ["GET /scim/v2/ResourceTypes"] = Access.Scim,
        ["GET /scim/v2/ResourceTypes/{id}"] = Access.Scim,
        ["GET /scim/v2/Schemas"] = Access.Scim,
        ["GET /scim/v2/Schemas/{id}"] = Access.Scim,
        ["GET /scim/v2/Users"] = Access.Scim,
        ["POST /scim/v2/Users"] = Access.Scim,
        ["GET /scim/v2/Users/{id}"] = Access.Scim,
        ["PUT /scim/v2/Users/{id}"] = Access.Scim,
        ["PATCH /scim/v2/Users/{id}"] = Access.Scim,
        ["DELETE /scim/v2/Users/{id}"] = Access.Scim,
        ["GET /scim/v2/{**path}"] = Access.Scim,
        ["POST /scim/v2/{**path}"] = Access.Scim,
        ["PUT /scim/v2/{**path}"] = Access.Scim,
        ["PATCH /scim/v2/{**path}"] = Access.Scim,
        ["DELETE /scim/v2/{**path}"] = Access.Scim,
        // Cohorts (the cohort's people and admins; anyone else finds nothing) and the dialogue library.
        ["GET /api/programs/{id:int}/victories"] = Access.SignedIn,
        ["POST /api/programs/{id:int}/victories"] = Access.SignedIn,
        ["GET /api/programs/{id:int}/kudos"] = Access.SignedIn,
        ["POST /api/programs/{id:int}/kudos"] = Access.SignedIn,
        ["GET /api/programs/{id:int}/standups"] = Access.SignedIn,
        ["POST /api/programs/{id:int}/standups"] = Access.SignedIn,
        ["GET /api/groups/{id:int}/victories"] = Access.SignedIn,
        ["POST /api/groups/{id:int}/victories"] = Access.SignedIn,
        ["GET /api/groups/{id:int}/kudos"] = Access.SignedIn,
        ["POST /api/groups/{id:int}/kudos"] = Access.SignedIn,
        ["GET /api/groups/{id:int}/standups"] = Access.SignedIn,
        ["POST /api/groups/{id:int}/standups"] = Access.SignedIn,
        ["GET /api/standups/{id:int}/replies"] = Access.SignedIn,
        ["POST /api/standups/{id:int}/replies"] = Access.SignedIn,
        ["POST /api/victories/{id:int}/reactions"] = Access.SignedIn,
        ["DELETE /api/victories/{id:int}/reactions/{kind}"] = Access.SignedIn,
        ["POST /api/kudos/{id:int}/reactions"] = Access.SignedIn,
        ["DELETE /api/kudos/{id:int}/reactions/{kind}"] = Access.SignedIn,
        ["POST /api/standups/{id:int}/reactions"] = Access.SignedIn,
        ["DELETE /api/standups/{id:int}/reactions/{kind}"] = Access.SignedIn,
        ["GET /api/dialogues/"] = Access.SignedIn,
        ["GET /api/dialogues/{id:int}"] = Access.SignedIn,
        ["POST /api/dialogues/"] = Access.Admin,
        ["PUT /api/dialogues/{id:int}"] = Access.Admin,

        // Pages.
        ["GET /Account/SignIn"] = Access.Anonymous,
        ["GET /Account/Denied"] = Access.Anonymous,
        ["GET /Account/ExternalCallback"] = Access.Anonymous,
        ["GET /Error"] = Access.Anonymous,
        ["GET /Account/Tokens"] = Access.SignedIn,
        ["GET /Account/SetPassword"] = Access.Anonymous,
        ["GET /Account/ForgotPassword"] = Access.Anonymous,
        ["GET /Accounts"] = Access.Admin,
        ["GET /"] = Access.SignedIn,
        ["GET /Index"] = Access.SignedIn,
        ["GET /People"] = Access.Admin,
        ["GET /People/Index"] = Access.Admin,
        ["GET /People/{id:int}"] = Access.Admin,
        ["GET /People/Edit/{id:int?}"] = Access.Admin,
        ["GET /People/Import"] = Access.Admin,
        ["GET /People/Import/Status/{id:guid}"] = Access.Admin,
        ["GET /People/Provisioning"] = Access.Admin,
        ["GET /Offices"] = Access.Admin,
        ["GET /Offices/Index"] = Access.Admin,
        ["GET /Offices/Edit/{id:int?}"] = Access.Admin,
        ["GET /Programs"] = Access.SignedIn,
        ["GET /Programs/Index"] = Access.SignedIn,
        ["GET /Programs/{id:int}"] = Access.SignedIn,
        ["GET /Programs/Edit/{id:int?}"] = Access.Admin,
        ["GET /Programs/{id:int}/Enroll"] = Access.Admin,
        ["GET /Programs/Enroll"] = Access.Admin,
        ["GET /Applications/{id:int}"] = Access.SignedIn,
        ["GET /Programs/{id:int}/Applications"] = Access.Admin,
        ["GET /Programs/{id:int}/ApplicationForm"] = Access.Admin,
        ["GET /Programs/{id:int}/Matching"] = Access.Admin,
        ["GET /Programs/{id:int}/Matching/Settings"] = Access.Admin,
        ["GET /Programs/{id:int}/Roulette"] = Access.Admin,
        ["GET /Programs/{id:int}/Roulette/Settings"] = Access.Admin,
        ["GET /Programs/{id:int}/Roulette/Rounds/{roundId:int}"] = Access.Admin,
        ["GET /Programs/{id:int}/Groups"] = Access.Admin,
        ["GET /Groups/{id:int}"] = Access.SignedIn,
        ["GET /Me"] = Access.SignedIn,
        ["GET /Me/Profile"] = Access.SignedIn,
        ["GET /Programs/{id:int}/Profiles"] = Access.Admin,
        ["GET /Programs/{id:int}/Schedule"] = Access.Admin,
        ["GET /Sessions"] = Access.SignedIn,
        // A pair's space: signed in, and then only its mentor and mentee (anyone else gets 404).
        ["GET /Mentorships/{id:int}"] = Access.SignedIn,
        ["GET /Programs/{id:int}/Health"] = Access.Admin,
        ["GET /Programs/{id:int}/Report"] = Access.AdminOrSponsor,
        ["GET /Programs/{id:int}/Report/Print"] = Access.AdminOrSponsor,
        ["GET /Reports"] = Access.AdminOrSponsor,
        ["GET /Programs/{id:int}/Surveys"] = Access.Admin,
        ["GET /Surveys/{id:int}/Results"] = Access.AdminOrSponsor,
        ["GET /Surveys/{id:int}/Answer"] = Access.SignedIn,
        ["GET /Programs/{id:int}/Evaluation"] = Access.AdminOrSponsor,
        ["GET /Programs/{id:int}/Pilot"] = Access.Admin,
        ["GET /Account/Sso"] = Access.Anonymous,
        ["GET /Programs/{id:int}/Board"] = Access.SignedIn,
        ["GET /Groups/{id:int}/Board"] = Access.SignedIn,
        ["GET /Groups/{id:int}/Space"] = Access.SignedIn,
        ["GET /Dialogues"] = Access.SignedIn,
        ["GET /Dialogues/Edit/{id:int?}"] = Access.Admin,

        // Notifications.
        ["GET /api/me/notifications"] = Access.SignedIn,
        ["PUT /api/me/notifications"] = Access.SignedIn,
        ["POST /api/sessions/{id:int}/cancel"] = Access.SignedIn,
        ["POST /api/sessions/{id:int}/move"] = Access.SignedIn,
        // A session's page: signed in, and then only its host or an admin (anyone else gets 404).
        ["GET /Sessions/{id:int}/Move"] = Access.SignedIn,
        ["GET /Notifications/Templates/Preview"] = Access.Admin,
        ["GET /api/programs/{id:int}/notifications"] = Access.Admin,
        ["PUT /api/programs/{id:int}/notifications"] = Access.Admin,
        ["POST /api/programs/{id:int}/notifications/test"] = Access.Admin,
        ["GET /api/notifications"] = Access.Admin,
        ["POST /api/notifications/{id:int}/resend"] = Access.Admin,
        ["POST /api/slack/interactions"] = Access.SlackSignature,
        ["GET /Me/Notifications"] = Access.SignedIn,
        ["GET /Notifications"] = Access.Admin,
        ["GET /Notifications/Templates"] = Access.Admin,
        ["GET /Programs/{id:int}/Notifications"] = Access.Admin,
        ["GET /Notifications/Unsubscribe"] = Access.Anonymous,
        ["GET /api/audit/"] = Access.Admin,
        ["GET /api/audit/export"] = Access.Admin,
        ["GET /api/me/export"] = Access.SignedIn,
        ["POST /api/people/{id:int}/export"] = Access.Admin,
        ["POST /api/people/{id:int}/erase"] = Access.Admin,
        ["GET /api/privacy/retention/preview"] = Access.Admin,
        ["POST /api/privacy/retention/run"] = Access.Admin,
        ["GET /Privacy/Audit"] = Access.Admin,
        ["GET /Privacy/Retention"] = Access.Admin,
        ["GET /People/{id:int}/Erase"] = Access.Admin,
        ["GET /Me/Data"] = Access.SignedIn,

        // Training: the library is everyone's to read and the admin's to write; progress, answers and self-assessments are each person's own.
        ["GET /api/trainings/"] = Access.SignedIn,
        ["POST /api/trainings/"] = Access.Admin,
        ["GET /api/trainings/me"] = Access.SignedIn,
        ["GET /api/trainings/completion"] = Access.Admin,
        ["GET /api/trainings/{id:int}"] = Access.SignedIn,
        ["PUT /api/trainings/{id:int}"] = Access.Admin,
        ["DELETE /api/trainings/{id:int}"] = Access.Admin,
        ["POST /api/trainings/{id:int}/modules"] = Access.Admin,
        ["GET /api/trainings/modules/{id:int}"] = Access.SignedIn,
        ["PUT /api/trainings/modules/{id:int}"] = Access.Admin,
        ["DELETE /api/trainings/modules/{id:int}"] = Access.Admin,
        ["POST /api/trainings/modules/{id:int}/video"] = Access.Admin,
        ["GET /api/trainings/modules/{id:int}/video"] = Access.SignedIn,
        ["POST /api/trainings/modules/{id:int}/done"] = Access.SignedIn,
        ["POST /api/trainings/questions/{id:int}/answer"] = Access.SignedIn,
        ["GET /api/programs/{id:int}/trainings"] = Access.Admin,
        ["PUT /api/programs/{id:int}/trainings"] = Access.Admin,
        ["GET /api/programs/{id:int}/trainings/completion"] = Access.Admin,
        ["GET /api/programs/{id:int}/self-assessments/me"] = Access.SignedIn,
        ["POST /api/programs/{id:int}/self-assessments"] = Access.SignedIn,
        ["GET /api/programs/{id:int}/self-assessments/summary"] = Access.Admin,
        ["GET /Training"] = Access.SignedIn,
        ["GET /Training/Courses/{id:int}"] = Access.SignedIn,
        ["GET /Training/Modules/{id:int}"] = Access.SignedIn,
        ["GET /Training/SelfAssessment/{programId:int}"] = Access.SignedIn,
        ["GET /Training/Manage"] = Access.Admin,
        ["GET /Training/Manage/Courses/{id:int?}"] = Access.Admin,
        ["GET /Training/Manage/Modules/{id:int?}"] = Access.Admin,
        ["GET /Programs/{id:int}/Training"] = Access.Admin,
        ["GET /Training/Completion"] = Access.Admin,
    };

    /// <summary>The demo roles with their personal API tokens, nobody, and an identity provider with a SCIM token.</summary>
    private static readonly string[] Callers = ["anonymous", Roles.Admin, Roles.Mentor, Roles.Mentee, Roles.Sponsor, ScimCaller];

    private const string ScimCaller = "scim";

    private IEnumerable<(string Key, string Method, string Pattern, Endpoint Endpoint)> Endpoints() =>
        ((IEndpointRouteBuilder)app.App).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => ($"{m} /{e.RoutePattern.RawText?.TrimStart('/')}", m, "/" + e.RoutePattern.RawText?.TrimStart('/'), (Endpoint)e)))
            .DistinctBy(e => e.Item1);

    [Fact]
    public void Every_endpoint_is_in_the_matrix_and_names_a_policy_or_is_anonymous()
    {
        var endpoints = Endpoints().ToList();
        var missing = endpoints.Where(e => !Matrix.ContainsKey(e.Key)).Select(e => e.Key).ToList();
        Assert.True(missing.Count == 0, "Endpoints with no entry in the authorization matrix:\n" + string.Join("\n", missing));
        var stale = Matrix.Keys.Except(endpoints.Select(e => e.Key)).ToList();
        Assert.True(stale.Count == 0, "Matrix entries for endpoints that no longer exist:\n" + string.Join("\n", stale));

        var implicitOnly = endpoints
            .Where(e => e.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null
                && !e.Endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy is not null || a.Roles is not null))
            .Select(e => e.Key).ToList();
        Assert.True(implicitOnly.Count == 0, "Endpoints that name no policy (they only fall back to signed-in):\n" + string.Join("\n", implicitOnly));
    }

    [Fact]
    public async Task Each_role_reaches_exactly_what_the_matrix_allows()
    {
        // Ids that exist nowhere: an allowed caller gets 404 (or 400), and nothing real is changed or revoked.
        const string unknownId = "999999";
        var failures = new List<string>();
        string scimSecret;
        await using (var scope = app.App.Services.CreateAsyncScope())
        {
            scimSecret = (await scope.ServiceProvider.GetRequiredService<ScimTokenService>().CreateAsync("matrix", null, CancellationToken.None)).Secret;
        }
        foreach (var (key, method, pattern, _) in Endpoints().Where(e => Matrix.ContainsKey(e.Key)))
        {
            var url = RouteParameter().Replace(pattern, m => m.Value switch
            {
                var p when p.Contains("documentName", StringComparison.Ordinal) => "v1",
                var p when p.Contains(":guid", StringComparison.Ordinal) => Guid.Empty.ToString(),
                _ => unknownId,
            });
            foreach (var caller in Callers)
            {
                using var client = caller switch
                {
                    "anonymous" => app.Anonymous(),
                    ScimCaller => app.Anonymous(),
                    _ => app.As(caller),
                };
                if (caller == ScimCaller)
                {
                    client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", scimSecret);
                }
                using var request = new HttpRequestMessage(new HttpMethod(method), url);
                if (method is "POST" or "PUT")
                {
                    request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                }
                using var response = await client.SendAsync(request);
                var expected = Allowed(Matrix[key], caller);
                // The access-denied page itself answers 403 to whoever reads it.
                var outcome = pattern == "/Account/Denied" && response.StatusCode == HttpStatusCode.Forbidden ? "allowed" : Classify(response);
                if (expected && outcome != "allowed" || !expected && outcome == "allowed")
                {
                    failures.Add($"{key} as {caller}: expected {(expected ? "allowed" : "refused")}, got {(int)response.StatusCode} ({outcome})");
                }
                if (!expected && pattern.StartsWith("/api", StringComparison.Ordinal))
                {
                    // The API refuses with a status, never a redirect to an HTML page.
                    // A SCIM token is no API credential at all, so it is unauthenticated there.
                    var want = caller is "anonymous" or ScimCaller || Matrix[key] == Access.SlackSignature ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden;
                    if (response.StatusCode != want)
                    {
                        failures.Add($"{key} as {caller}: expected {(int)want}, got {(int)response.StatusCode}");
                    }
                }
                if (!expected && pattern.StartsWith("/scim", StringComparison.Ordinal) && response.StatusCode != HttpStatusCode.Unauthorized)
                {
                    // Only a SCIM token authenticates there: anything else is no credential, hence 401.
                    failures.Add($"{key} as {caller}: expected 401, got {(int)response.StatusCode}");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static bool Allowed(Access access, string caller) => access switch
    {
        Access.Anonymous => true,
        Access.SignedIn => caller is not ("anonymous" or ScimCaller),
        Access.AdminOrSponsor => caller is Roles.Admin or Roles.Sponsor,
        Access.Admin => caller == Roles.Admin,
        Access.Scim => caller == ScimCaller,
        _ => false,
    };

    /// <summary>Refused means 401/403, or a redirect to sign in or to the access-denied page.</summary>
    private static string Classify(HttpResponseMessage response)
    {
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            return "refused";
        }
        var location = response.Headers.Location?.ToString() ?? "";
        if ((int)response.StatusCode is >= 300 and < 400
            && (location.Contains("/Account/SignIn?ReturnUrl", StringComparison.OrdinalIgnoreCase)
                || location.Contains("/Account/Denied?ReturnUrl", StringComparison.OrdinalIgnoreCase)))
        {
            return "refused";
        }
        return "allowed";
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}

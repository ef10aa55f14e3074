using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace Mentoring.Features.Scim;

/// <summary>
/// Provisioning from the identity provider: SCIM 2.0 (RFC 7643, RFC 7644) at <c>/scim/v2</c>, as
/// Okta and Microsoft Entra speak it, opened by a SCIM token; and the admin API that makes and
/// revokes those tokens at <c>/api/scim/tokens</c>.
/// </summary>
public static class ScimApi
{
    public const string BasePath = ScimDiscovery.BasePath;

    public static IServiceCollection AddScimFeature(this IServiceCollection services)
    {
        services.AddScoped<ScimTokenService>();
        services.AddScoped<ScimUsers>();
        services.AddScimAuthentication();
        return services;
    }

    public static IEndpointRouteBuilder MapScimApi(this IEndpointRouteBuilder app)
    {
        var tokens = app.MapGroup("/api/scim/tokens").WithTags("SCIM").RequireAuthorization(Policies.Admin);
        tokens.MapGet("/", ListTokens).WithName("ListScimTokens").WithSummary("The SCIM tokens (never their secrets).");
        tokens.MapPost("/", CreateToken).WithName("CreateScimToken")
            .WithSummary("Create a SCIM token for an identity provider; the secret is in this answer only.");
        tokens.MapDelete("/{id:int}", RevokeToken).WithName("RevokeScimToken").WithSummary("Revoke a SCIM token; it stops working at once.");

        var scim = app.MapGroup(BasePath).WithTags("SCIM").RequireAuthorization(ScimAuthentication.Policy)
            .AddEndpointFilter(AnswerErrors);
        scim.MapGet("/ServiceProviderConfig", (HttpRequest request) => ScimErrors.Scim(ScimDiscovery.ServiceProviderConfig(BaseUrl(request))))
            .WithName("ScimServiceProviderConfig").WithSummary("What this SCIM service supports.");
        scim.MapGet("/ResourceTypes", (HttpRequest request) =>
                ScimErrors.Scim(ScimDiscovery.List([ScimDiscovery.UserResourceType(BaseUrl(request))], 1, 1)))
            .WithName("ScimResourceTypes").WithSummary("The SCIM resource types (User).");
        scim.MapGet("/ResourceTypes/{id}", (string id, HttpRequest request) =>
                string.Equals(id, "User", StringComparison.OrdinalIgnoreCase)
                    ? ScimErrors.Scim(ScimDiscovery.UserResourceType(BaseUrl(request)))
                    : ScimErrors.Result(StatusCodes.Status404NotFound, null, $"No resource type \"{id}\"."))
            .WithName("ScimResourceType").WithSummary("One SCIM resource type.");
        scim.MapGet("/Schemas", (HttpRequest request) =>
            {
                var schemas = ScimDiscovery.Schemas(BaseUrl(request));
                return ScimErrors.Scim(ScimDiscovery.List(schemas, schemas.Count, 1));
            })
            .WithName("ScimSchemas").WithSummary("The SCIM schemas of a User and its enterprise extension.");
        scim.MapGet("/Schemas/{id}", (string id, HttpRequest request) =>
                ScimDiscovery.Schemas(BaseUrl(request)).FirstOrDefault(s => string.Equals((string?)s["id"], id, StringComparison.OrdinalIgnoreCase)) is { } schema
                    ? ScimErrors.Scim(schema)
                    : ScimErrors.Result(StatusCodes.Status404NotFound, null, $"No schema \"{id}\"."))
            .WithName("ScimSchema").WithSummary("One SCIM schema.");

        scim.MapGet("/Users", ListUsers).WithName("ScimListUsers")
            .WithSummary("Users, a page at a time (startIndex, count), optionally filtered: userName eq \"…\" or externalId eq \"…\".");
        scim.MapPost("/Users", CreateUser).WithName("ScimCreateUser").WithSummary("Provision a person.");
        scim.MapGet("/Users/{id}", GetUser).WithName("ScimGetUser").WithSummary("One user.");
        scim.MapPut("/Users/{id}", ReplaceUser).WithName("ScimReplaceUser").WithSummary("Replace a user's attributes.");
        scim.MapPatch("/Users/{id}", PatchUser).WithName("ScimPatchUser")
            .WithSummary("Change a user with a PatchOp, e.g. {\"op\":\"replace\",\"path\":\"active\",\"value\":false}.");
        scim.MapDelete("/Users/{id}", DeleteUser).WithName("ScimDeleteUser").WithSummary("Deactivate a person (they stay on the roster, inactive).");
        // Groups, Bulk, /Me …: a SCIM answer rather than the app's HTML error page.
        scim.MapMethods("/{**path}", ["GET", "POST", "PUT", "PATCH", "DELETE"], (string? path) =>
                ScimErrors.Result(StatusCodes.Status404NotFound, null, $"This service has no \"/{path}\" endpoint; it provisions Users."))
            .WithName("ScimNotFound").ExcludeFromDescription();
        return app;
    }

    private static async Task<Ok<List<ScimTokenDto>>> ListTokens(ScimTokenService tokens, CancellationToken cancellationToken) =>
        TypedResults.Ok(await tokens.ListAsync(cancellationToken));

    private static async Task<Created<CreatedScimToken>> CreateToken(
        ScimTokenInput input, ClaimsPrincipal user, ScimTokenService tokens, CancellationToken cancellationToken)
    {
        var created = await tokens.CreateAsync(input.Name, user.Identity?.Name, cancellationToken);
        return TypedResults.Created($"/api/scim/tokens/{created.Id}", created);
    }

    private static async Task<Results<NoContent, NotFound>> RevokeToken(int id, ScimTokenService tokens, CancellationToken cancellationToken) =>
        await tokens.RevokeAsync(id, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<IResult> ListUsers(
        HttpRequest request, ScimUsers users, CancellationToken cancellationToken,
        string? filter = null, string? startIndex = null, string? count = null)
    {
        var parsed = string.IsNullOrWhiteSpace(filter) ? null : ScimFilter.Parse(filter);
        // RFC 7644 §3.4.2.4: a startIndex below 1 is 1, a negative count is 0.
        var start = Math.Max(1, Integer(startIndex, "startIndex") ?? 1);
        var size = Math.Clamp(Integer(count, "count") ?? ScimUsers.MaxPageSize, 0, ScimUsers.MaxPageSize);
        var (total, page) = await users.ListAsync(parsed, start, size, cancellationToken);
        var baseUrl = BaseUrl(request);
        return ScimErrors.Scim(ScimDiscovery.List(page.Select(p => ScimUsers.ToResource(p, baseUrl)).ToList(), total, start));
    }

    private static async Task<IResult> GetUser(string id, HttpRequest request, ScimUsers users, CancellationToken cancellationToken) =>
        await users.FindAsync(id, cancellationToken) is { } person
            ? ScimErrors.Scim(ScimUsers.ToResource(person, BaseUrl(request)))
            : ScimErrors.NotFound(id);

    private static async Task<IResult> CreateUser(HttpRequest request, ScimUsers users, CancellationToken cancellationToken)
    {
        var person = await users.CreateAsync(await ReadBodyAsync(request, cancellationToken), cancellationToken);
        var resource = ScimUsers.ToResource(person, BaseUrl(request));
        request.HttpContext.Response.Headers.Location = (string?)resource["meta"]!["location"];
        return ScimErrors.Scim(resource, StatusCodes.Status201Created);
    }

    private static async Task<IResult> ReplaceUser(string id, HttpRequest request, ScimUsers users, CancellationToken cancellationToken)
    {
        var body = await ReadBodyAsync(request, cancellationToken);
        return await users.ReplaceAsync(id, body, cancellationToken) is { } person
            ? ScimErrors.Scim(ScimUsers.ToResource(person, BaseUrl(request)))
            : ScimErrors.NotFound(id);
    }

    private static async Task<IResult> PatchUser(string id, HttpRequest request, ScimUsers users, CancellationToken cancellationToken)
    {
        var body = await ReadBodyAsync(request, cancellationToken);
        return await users.PatchAsync(id, body, cancellationToken) is { } person
            ? ScimErrors.Scim(ScimUsers.ToResource(person, BaseUrl(request)))
            : ScimErrors.NotFound(id);
    }

    private static async Task<IResult> DeleteUser(string id, ScimUsers users, CancellationToken cancellationToken) =>
        await users.DeactivateAsync(id, cancellationToken) ? Results.NoContent() : ScimErrors.NotFound(id);

    private static string BaseUrl(HttpRequest request) => ScimDiscovery.BaseUrl(request);

    private static int? Integer(string? value, string name) =>
        value is null ? null
        : int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number
        : throw ScimException.Invalid("invalidValue", $"{name} must be a whole number, not \"{value}\".");

    /// <summary>The body as a JSON object; attribute names are case-insensitive in SCIM (RFC 7643 §2.1).</summary>
    private static async Task<JsonObject> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentType is { } contentType
            && (!MediaTypeHeaderValue.TryParse(contentType, out var media)
                || !(media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                    || media.MediaType.Equals(ScimErrors.MediaType, StringComparison.OrdinalIgnoreCase))))
        {
            throw new ScimException(StatusCodes.Status415UnsupportedMediaType, null,
                $"Send the body as {ScimErrors.MediaType} or application/json, not {contentType}.");
        }
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(cancellationToken);
        try
        {
            return JsonNode.Parse(text, new JsonNodeOptions { PropertyNameCaseInsensitive = true }) as JsonObject
                ?? throw ScimException.Invalid("invalidSyntax", "The body is not a JSON object.");
        }
        catch (JsonException e)
        {
            throw ScimException.Invalid("invalidSyntax", $"The body is not valid JSON: {e.Message}");
        }
    }

    private static async ValueTask<object?> AnswerErrors(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (ScimException e)
        {
            return ScimErrors.Result(e.Status, e.ScimType, e.Message);
        }
        catch (DbUpdateException)
        {
            // Two requests for the same new person at once: the unique HR id lets one through.
            return ScimErrors.Result(StatusCodes.Status409Conflict, "uniqueness", "Another request has just created or changed this user; look it up and try again.");
        }
    }
}

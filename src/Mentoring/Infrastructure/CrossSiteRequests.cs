using Microsoft.AspNetCore.Antiforgery;

namespace Mentoring.Infrastructure;

/// <summary>
/// A browser sends the sign-in cookie with any request, whichever site made it, so a state-changing
/// request (POST, PUT, PATCH, DELETE) that the cookie authenticates must prove it came from this
/// site: a foreign Origin is refused; the API wants the X-Requested-With header (which another site
/// cannot add without a CORS preflight, which this app never grants) or an antiforgery token; pages
/// and the sign-out want the form's antiforgery token. Callers with an API token are not affected:
/// a browser never adds that header by itself.
/// </summary>
public static class CrossSiteRequests
{
    public const string ApiHeader = "X-Requested-With";

    public static IApplicationBuilder UseCrossSiteRequestGuard(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
            || HttpMethods.IsTrace(request.Method)
            || context.User.Identity?.IsAuthenticated != true
            || Authentication.UsesBearer(context)
            // SCIM accepts only its own bearer token: a cookie never opens it, so there is nothing to forge.
            || request.Path.StartsWithSegments("/scim")
            // Slack's interactions carry Slack's signature, checked by the endpoint, never a cookie's say-so.
            || request.Path.StartsWithSegments("/api/slack/interactions"))
        {
            await next(context);
            return;
        }
        if (CrossOrigin(request))
        {
            await RefuseAsync(context, StatusCodes.Status403Forbidden, "the request came from another site");
            return;
        }
        var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
        var isApi = request.Path.StartsWithSegments("/api");
        if (isApi && request.Headers.ContainsKey(ApiHeader))
        {
            await next(context);
            return;
        }
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            // 400 for a missing or stale form token, as Razor Pages answer it.
            await RefuseAsync(context, isApi ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest, isApi
                ? $"a request signed in by cookie must send the {ApiHeader} header (or use an API token)"
                : "the form's antiforgery token is missing or stale; reload the page and try again");
            return;
        }
        await next(context);
    });

    /// <summary>An Origin (or Sec-Fetch-Site) that says another site made the request.</summary>
    private static bool CrossOrigin(HttpRequest request)
    {
        if (request.Headers["Sec-Fetch-Site"].ToString() is "cross-site" or "same-site")
        {
            return true;
        }
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return false;
        }
        // The scheme is not compared: a TLS-terminating proxy may hand the request on over http.
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri))
        {
            return true;
        }
        var host = request.Host;
        return !string.Equals(uri.Host, host.Host, StringComparison.OrdinalIgnoreCase)
            || host.Port is { } port && !uri.IsDefaultPort && uri.Port != port;
    }

    private static async Task RefuseAsync(HttpContext context, int status, string why)
    {
        context.Response.StatusCode = status;
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync($"Refused: {why}.");
            return;
        }
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = status,
                Title = "Cross-site request refused.",
                Detail = $"Refused: {why}.",
            },
        });
    }
}

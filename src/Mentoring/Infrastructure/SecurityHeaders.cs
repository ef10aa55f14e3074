using Microsoft.AspNetCore.HttpOverrides;

namespace Mentoring.Infrastructure;

/// <summary>
/// The headers every response carries: a Content-Security-Policy (the pages load only their own
/// script and styles; the API reference, a third-party page, gets what it needs), no MIME sniffing,
/// no framing, no referrer to other sites, and HSTS when the request came over HTTPS.
/// </summary>
public static class SecurityHeaders
{
    public const string PagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; "
        + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    // Scalar's page boots from an inline script and styles itself inline; it still loads and calls nothing off this site.
    public const string ReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            // An endpoint may carry its own policy (see ResponsePolicyAttribute); every other response gets the strict one.
            var own = context.GetEndpoint()?.Metadata.GetMetadata<ResponsePolicyAttribute>();
            headers.ContentSecurityPolicy = own?.ContentSecurityPolicy
                ?? (context.Request.Path.StartsWithSegments("/api/reference") ? ReferencePolicy : PagePolicy);
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = own?.FramedBySelf == true ? "SAMEORIGIN" : "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            if (context.Request.IsHttps)
            {
                headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
            }
            return Task.CompletedTask;
        });
        return next(context);
    });

    /// <summary>
    /// Behind a reverse proxy that terminates TLS, <c>ForwardedHeaders:Enabled=true</c> makes the app
    /// believe its X-Forwarded-Proto and -For (from loopback, or the <c>ForwardedHeaders:KnownProxies</c>
    /// listed), so that cookies are Secure and HSTS is sent. Off unless configured.
    /// </summary>
    public static IApplicationBuilder UseConfiguredForwardedHeaders(this IApplicationBuilder app, IConfiguration configuration)
    {
        var section = configuration.GetSection("ForwardedHeaders");
        if (!section.GetValue("Enabled", false))
        {
            return app;
        }
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        foreach (var proxy in (section["KnownProxies"] ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            options.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
        }
        return app.UseForwardedHeaders(options);
    }
}

/// <summary>
/// An endpoint's own Content-Security-Policy, in place of the pages' one, and whether this site's own
/// pages may frame it (X-Frame-Options SAMEORIGIN; the policy should then say <c>frame-ancestors 'self'</c>).
/// Put it on a page model or an endpoint (<c>.WithMetadata(new ResponsePolicyAttribute(…))</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class ResponsePolicyAttribute(string contentSecurityPolicy) : Attribute
{
    public string ContentSecurityPolicy { get; } = contentSecurityPolicy;

    public bool FramedBySelf { get; init; }
}

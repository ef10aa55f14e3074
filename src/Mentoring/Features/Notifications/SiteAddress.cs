using Mentoring.Features.Accounts;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Mentoring.Features.Notifications;

/// <summary>The product's address for links in messages: <c>Accounts:PublicUrl</c>, else the request's, else where this instance listens.</summary>
public sealed class SiteAddress(IOptions<AccountsOptions> options, IHttpContextAccessor http, IServer server)
{
    public string Url()
    {
        if (!string.IsNullOrWhiteSpace(options.Value.PublicUrl))
        {
            return options.Value.PublicUrl.TrimEnd('/');
        }
        if (http.HttpContext?.Request is { } request)
        {
            return $"{request.Scheme}://{request.Host}{request.PathBase}".TrimEnd('/');
        }
        var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return (listening ?? MentoringWebApp.DefaultUrl).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
            .Replace("://[::]", "://localhost", StringComparison.Ordinal).TrimEnd('/');
    }
}

/// <summary>Unsubscribe links that work without signing in: a token protected by the app's data-protection keys names the person and the category.</summary>
public sealed class UnsubscribeLinks(Microsoft.AspNetCore.DataProtection.IDataProtectionProvider protection)
{
    private readonly Microsoft.AspNetCore.DataProtection.IDataProtector protector = protection.CreateProtector("Mentoring.Unsubscribe.v1");

    public string Token(int personId, string category) =>
        protector.Protect($"{personId.ToString(System.Globalization.CultureInfo.InvariantCulture)}|{category}");

    public string Url(string site, int personId, string category) => $"{site}/Notifications/Unsubscribe?token={Uri.EscapeDataString(Token(personId, category))}";

    /// <summary>The person and category of a token; null for one that was not made here or was altered.</summary>
    public (int PersonId, string Category)? Read(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }
        try
        {
            var parts = protector.Unprotect(token).Split('|');
            return parts.Length == 2 && int.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out var id) ? (id, parts[1]) : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}

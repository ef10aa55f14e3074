using System.Net;
using Mentoring.Data;
using Mentoring.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace Mentoring.Tests.Security;

/// <summary>
/// The app with single sign-on switched on by configuration, against a stand-in identity provider
/// on loopback that publishes its OpenID Connect discovery document.
/// </summary>
public sealed class OidcAppFixture() : AppFixture(DatabaseProvider.Sqlite)
{
    private WebApplication? provider;

    public Uri Authority { get; private set; } = null!;

    protected override async Task<string[]> ExtraSettingsAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        provider = builder.Build();
        provider.MapGet("/.well-known/openid-configuration", (HttpContext context) =>
        {
            var issuer = $"{context.Request.Scheme}://{context.Request.Host}";
            return Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = issuer,
                ["authorization_endpoint"] = issuer + "/authorize",
                ["token_endpoint"] = issuer + "/token",
                ["jwks_uri"] = issuer + "/jwks",
                ["response_types_supported"] = new[] { "code" },
                ["subject_types_supported"] = new[] { "public" },
                ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            });
        });
        provider.MapGet("/jwks", () => Results.Json(new { keys = Array.Empty<object>() }));
        await provider.StartAsync();
        Authority = new Uri(provider.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return
        [
            "--Authentication:Oidc:Authority=" + Authority, "--Authentication:Oidc:ClientId=mentoring-test",
            "--Authentication:Oidc:ClientSecret=secret", "--Authentication:Oidc:RequireHttpsMetadata=false",
        ];
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (provider is not null)
        {
            await provider.DisposeAsync();
        }
    }
}

public sealed class SingleSignOnTests(OidcAppFixture app) : IClassFixture<OidcAppFixture>
{
    [Fact]
    public async Task Sso_sends_the_browser_to_the_identity_provider_with_pkce()
    {
        using var client = app.Anonymous();
        var response = await client.GetAsync("/Account/Sso");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal(new Uri(app.Authority, "/authorize").GetLeftPart(UriPartial.Path), location.GetLeftPart(UriPartial.Path));
        var query = System.Web.HttpUtility.ParseQueryString(location.Query);
        Assert.Equal("mentoring-test", query["client_id"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Contains("email", query["scope"], StringComparison.Ordinal);
        Assert.Equal(new Uri(app.BaseAddress, "/signin-oidc"), new Uri(query["redirect_uri"]!));
    }
}

public sealed class SingleSignOnOffTests(SqliteAppFixture app) : IClassFixture<SqliteAppFixture>
{
    [Fact]
    public async Task Without_configuration_there_is_no_sso()
    {
        using var client = app.Anonymous();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Account/Sso")).StatusCode);
    }
}

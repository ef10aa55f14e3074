using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Features.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Mentoring.Infrastructure;

/// <summary>
/// People sign in with Identity cookies (or single sign-on through OpenID Connect, when
/// <c>Authentication:Oidc:Authority</c> is set); scripts send a personal API token as a bearer.
/// A policy scheme picks the right one per request.
/// </summary>
internal static class Authentication
{
    private const string CookieOrBearer = "cookie-or-bearer";
    public const string OidcScheme = "oidc";

    public static IServiceCollection AddMentoringAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddIdentity<UserAccount, IdentityRole>(ConfigureIdentity)
            .AddEntityFrameworkStores<MentoringDbContext>()
            .AddUserManager<AccountUserManager>()
            .AddSignInManager<AccountSignInManager>()
            .AddDefaultTokenProviders()
            .AddAccountTokenProviders(configuration);

        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/Account/SignIn";
            options.LogoutPath = "/Account/SignOut";
            options.AccessDeniedPath = "/Account/Denied";
            options.Cookie.Name = "mentoring.auth";
            options.SlidingExpiration = true;
            // Secure whenever the request is HTTPS (also behind a proxy that says so, see SecurityHeaders).
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            // The API answers 401/403 instead of redirecting scripts to an HTML sign-in page.
            options.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
        });

        // Every cookie request checks the account's security stamp (changed by sign-out and lockout)
        // and its lockout, so a copied or stale cookie stops working at once.
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.Zero);
        services.Replace(ServiceDescriptor.Scoped<ISecurityStampValidator, LockoutAwareSecurityStampValidator>());
        services.AddAntiforgery(options =>
        {
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // SecurityHeaders sends X-Frame-Options on every response, not only on those with a form.
            options.SuppressXFrameOptionsHeader = true;
        });

        var authentication = services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieOrBearer;
                options.DefaultAuthenticateScheme = CookieOrBearer;
                options.DefaultChallengeScheme = CookieOrBearer;
                options.DefaultForbidScheme = CookieOrBearer;
            })
            .AddPolicyScheme(CookieOrBearer, "Cookie or API token", options =>
            {
                options.ForwardDefaultSelector = context =>
                    UsesBearer(context) ? ApiTokenAuthenticationHandler.SchemeName : IdentityConstants.ApplicationScheme;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null);

        var oidc = configuration.GetSection("Authentication:Oidc");
        if (!string.IsNullOrWhiteSpace(oidc["Authority"]))
        {
            authentication.AddOpenIdConnect(OidcScheme, oidc["DisplayName"] ?? "Single sign-on", options =>
            {
                options.SignInScheme = IdentityConstants.ExternalScheme;
                options.Authority = oidc["Authority"];
                options.ClientId = oidc["ClientId"];
                options.ClientSecret = oidc["ClientSecret"];
                options.ResponseType = "code";
                options.UsePkce = true;
                options.CallbackPath = oidc["CallbackPath"] ?? "/signin-oidc";
                options.RequireHttpsMetadata = oidc.GetValue("RequireHttpsMetadata", true);
                options.Scope.Clear();
                foreach (var scope in (oidc["Scopes"] ?? "openid profile email").Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    options.Scope.Add(scope);
                }
                options.GetClaimsFromUserInfoEndpoint = true;
                options.MapInboundClaims = false;
            });
        }

        services.AddAuthorization(Policies.Add);
        return services;
    }

    public static void ConfigureIdentity(IdentityOptions options)
    {
        options.User.RequireUniqueEmail = true;
        // Length over composition rules (NIST SP 800-63B).
        options.Password.RequiredLength = 10;
        options.Password.RequireNonAlphanumeric = false;
        options.Password.RequireDigit = false;
        options.Password.RequireUppercase = false;
        options.Lockout.MaxFailedAccessAttempts = 10;
        options.SignIn.RequireConfirmedAccount = false;
    }

    /// <summary>
    /// API tokens are for the API only: on a page a bearer header is not a sign-in (the page then
    /// answers 401), so a leaked token cannot drive the site as its owner.
    /// </summary>
    public static bool UsesBearer(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api") && ApiTokens.ReadBearer(context.Request.Headers.Authorization) is not null;

    /// <summary>Whether single sign-on is configured (the sign-in page then offers it).</summary>
    public static bool IsOidcEnabled(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["Authentication:Oidc:Authority"]);

    private static Task RedirectOrStatus(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api") || ApiTokens.ReadBearer(context.Request.Headers.Authorization) is not null)
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }
        return Task.CompletedTask;
    }
}

/// <summary>The security stamp check, and a locked-out account's cookie stops working too.</summary>
internal sealed class LockoutAwareSecurityStampValidator(
    IOptions<SecurityStampValidatorOptions> options, SignInManager<UserAccount> signInManager, ILoggerFactory logger)
    : SecurityStampValidator<UserAccount>(options, signInManager, logger)
{
    protected override async Task<UserAccount?> VerifySecurityStamp(System.Security.Claims.ClaimsPrincipal? principal)
    {
        var user = await base.VerifySecurityStamp(principal);
        // A disabled account, or one whose person left the roster, loses its sessions at the next request.
        return user is not null && (await SignInManager.UserManager.IsLockedOutAsync(user) || !await SignInManager.CanSignInAsync(user)) ? null : user;
    }
}

/// <summary>
/// Identity's accounts, with lockouts on the app's clock (Identity itself reads the machine's), so
/// "locked for 5 minutes" means five minutes of the time the rest of the app lives in.
/// </summary>
internal sealed class AccountUserManager(
    IUserStore<UserAccount> store, IOptions<IdentityOptions> options, IPasswordHasher<UserAccount> hasher,
    IEnumerable<IUserValidator<UserAccount>> userValidators, IEnumerable<IPasswordValidator<UserAccount>> passwordValidators,
    ILookupNormalizer normalizer, IdentityErrorDescriber errors, IServiceProvider services, ILogger<UserManager<UserAccount>> logger,
    TimeProvider time)
    : UserManager<UserAccount>(store, options, hasher, userValidators, passwordValidators, normalizer, errors, services, logger)
{
    public override async Task<IdentityResult> AccessFailedAsync(UserAccount user)
    {
        ArgumentNullException.ThrowIfNull(user);
        user.AccessFailedCount++;
        if (user.AccessFailedCount >= Options.Lockout.MaxFailedAccessAttempts)
        {
            user.LockoutEnd = time.GetUtcNow().Add(Options.Lockout.DefaultLockoutTimeSpan);
            user.AccessFailedCount = 0;
        }
        return await UpdateAsync(user);
    }

    public override Task<bool> IsLockedOutAsync(UserAccount user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Task.FromResult(SupportsUserLockout && user.LockoutEnabled && user.LockoutEnd is { } end && end > time.GetUtcNow());
    }
}

/// <summary>
/// Identity's sign-in, with the accounts' own rules: a disabled account, or one whose person is no
/// longer active on the roster, cannot sign in; every sign-in is remembered as the account's last.
/// </summary>
internal sealed class AccountSignInManager(
    UserManager<UserAccount> users, IHttpContextAccessor context, IUserClaimsPrincipalFactory<UserAccount> claims,
    IOptions<IdentityOptions> options, ILogger<SignInManager<UserAccount>> logger, IAuthenticationSchemeProvider schemes,
    IUserConfirmation<UserAccount> confirmation, MentoringDbContext db, NodaTime.IClock clock)
    : SignInManager<UserAccount>(users, context, claims, options, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(UserAccount user)
    {
        if (user.DisabledAt is not null)
        {
            return false;
        }
        if (user.PersonId is { } personId && !await db.People.AnyAsync(p => p.Id == personId && p.Active))
        {
            return false;
        }
        return await base.CanSignInAsync(user);
    }

    public override async Task SignInWithClaimsAsync(UserAccount user, AuthenticationProperties? authenticationProperties, IEnumerable<System.Security.Claims.Claim> additionalClaims)
    {
        await base.SignInWithClaimsAsync(user, authenticationProperties, additionalClaims);
        user.LastSignInAt = clock.GetCurrentInstant();
        await UserManager.UpdateAsync(user);
    }
}

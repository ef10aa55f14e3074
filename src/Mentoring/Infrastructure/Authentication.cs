using System.Security.Claims;
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

/// <summary>
/// Checks a sign-in cookie on every request, in one query: the account still exists with the cookie's
/// security stamp (changed by sign-out everywhere, a password or e-mail change and disabling), is not
/// locked out, is not disabled, and its person is still active on the roster; so a copied or stale
/// cookie stops working at once. The cookie's roles are kept while they are still the account's, so
/// a request neither rebuilds the principal (Identity's validator reads the roles and claims again,
/// five more queries) nor re-issues the cookie; a role change is picked up at the next request.
/// The account's person id is kept for <see cref="CurrentPerson"/>.
/// </summary>
internal sealed class LockoutAwareSecurityStampValidator(
    IOptions<SecurityStampValidatorOptions> options, SignInManager<UserAccount> signInManager, ILoggerFactory logger,
    MentoringDbContext db, TimeProvider time)
    : SecurityStampValidator<UserAccount>(options, signInManager, logger)
{
    public override async Task ValidateAsync(Microsoft.AspNetCore.Authentication.Cookies.CookieValidatePrincipalContext context)
    {
        var claims = SignInManager.Options.ClaimsIdentity;
        var signIn = SignInManager.Options.SignIn;
        if (signIn.RequireConfirmedAccount || signIn.RequireConfirmedEmail || signIn.RequireConfirmedPhoneNumber)
        {
            // Confirmation rules are Identity's own (IUserConfirmation): its full check applies.
            await base.ValidateAsync(context);
            return;
        }
        var accountId = context.Principal?.FindFirstValue(claims.UserIdClaimType);
        var stamp = context.Principal?.FindFirstValue(claims.SecurityStampClaimType);
        var allowed = SignInRules.AccountsThatMaySignIn(db);
        var account = accountId is null ? null : await db.Users.AsNoTracking().Where(u => u.Id == accountId)
            .Select(u => new
            {
                u.SecurityStamp,
                u.LockoutEnabled,
                u.LockoutEnd,
                // The sign-in rule (as AccountSignInManager.CanSignInAsync applies it), read in the same query.
                MaySignIn = allowed.Any(a => a.Id == u.Id),
                u.PersonId,
                // For the pages that greet the account by name (the dashboard), read here instead of in a second query.
                u.DisplayName,
                Roles = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, r => r.RoleId, role => role.Id, (_, role) => role.Name).ToList(),
            })
            .SingleOrDefaultAsync(context.HttpContext.RequestAborted);
        if (account is null || !SignInManager.UserManager.SupportsUserSecurityStamp || account.SecurityStamp != stamp || !account.MaySignIn
            || AccountUserManager.IsLockedOut(account.LockoutEnabled, account.LockoutEnd, time.GetUtcNow()))
        {
            context.RejectPrincipal();
            await SignInManager.SignOutAsync();
            await context.HttpContext.SignOutAsync(IdentityConstants.TwoFactorRememberMeScheme);
            return;
        }
        var cookieRoles = context.Principal!.FindAll(claims.RoleClaimType).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        if (!cookieRoles.SetEquals(account.Roles.OfType<string>()))
        {
            // The roles changed since the cookie was issued: Identity rebuilds the principal and re-issues it.
            if (await SignInManager.UserManager.FindByIdAsync(accountId!) is { } user)
            {
                await SecurityStampVerified(user, context);
            }
        }
        context.HttpContext.Features.Set(new SignedInAccount(accountId!, account.PersonId, account.DisplayName));
    }
}

/// <summary>
/// The account a request's cookie or token was checked against, and its person on the roster; its display name when
/// the check read it (null when it did not).
/// </summary>
public sealed record SignedInAccount(string AccountId, int? PersonId, string? DisplayName = null);

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
        return Task.FromResult(SupportsUserLockout && IsLockedOut(user.LockoutEnabled, user.LockoutEnd, time.GetUtcNow()));
    }

    /// <summary>Locked out until a moment still to come, if lockout applies to the account.</summary>
    public static bool IsLockedOut(bool lockoutEnabled, DateTimeOffset? lockoutEnd, DateTimeOffset now) =>
        lockoutEnabled && lockoutEnd is { } end && end > now;
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
        if (!await SignInRules.AccountsThatMaySignIn(db).AnyAsync(u => u.Id == user.Id))
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

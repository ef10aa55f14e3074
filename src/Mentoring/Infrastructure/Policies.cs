using Mentoring.Domain;
using Microsoft.AspNetCore.Authorization;

namespace Mentoring.Infrastructure;

/// <summary>
/// The named authorization policies. Every endpoint and page names one of these (or is explicitly
/// anonymous); the endpoint-matrix test fails when one does not.
/// </summary>
public static class Policies
{
    /// <summary>Program admins (HR, L&amp;D): the roster, offices, programs, imports.</summary>
    public const string Admin = "admin";

    /// <summary>Anyone signed in, whatever their role: their own profile, tokens, program list.</summary>
    public const string SignedIn = "signed-in";

    /// <summary>Admins and executive sponsors: reports and dashboards.</summary>
    public const string AdminOrSponsor = "admin-or-sponsor";

    /// <summary>Signed in by the sign-in cookie, not an API token: making API tokens.</summary>
    public const string SignedInWithCookie = "signed-in-with-cookie";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(SignedInWithCookie, p => p.AddAuthenticationSchemes(Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme).RequireAuthenticatedUser());
        options.AddPolicy(Admin, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin));
        options.AddPolicy(SignedIn, p => p.RequireAuthenticatedUser());
        options.AddPolicy(AdminOrSponsor, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin, Roles.Sponsor));
        // Anything that slips through without a policy still needs a signed-in caller.
        options.FallbackPolicy = options.GetPolicy(SignedIn);
    }
}

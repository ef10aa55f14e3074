using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Features.Demo;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Mentoring.Infrastructure;

/// <summary>What runs before the app serves: migrations, the roles, and the demo organisation.</summary>
public static class Startup
{
    public static async Task InitializeAsync(IServiceProvider services, bool seedDemo = true, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        await DatabaseSetup.MigrateAsync(provider.GetRequiredService<MentoringDbContext>(), cancellationToken);
        Features.Scheduling.CallRooms.Initialize(provider);
        Operations.EnsureDataProtectionKey(provider);
        var roles = provider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
        var demo = provider.GetService<IOptions<DemoOptions>>()?.Value;
        if (seedDemo && demo?.Enabled == true)
        {
            // Filling a new store with the demo organisation is nobody's change to audit.
            provider.GetRequiredService<Audit.AuditContext>().Suppressed = true;
            await provider.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(cancellationToken);
            provider.GetRequiredService<Audit.AuditContext>().Suppressed = false;
            // A demo store is one whose demo admin still signs in with the published password: only
            // then do the sign-in page and the log show it.
            var users = provider.GetRequiredService<UserManager<UserAccount>>();
            var admin = await users.FindByEmailAsync(demo.AdminEmail);
            if (provider.GetService<DemoStatus>() is { } status)
            {
                status.IsDemoStore = admin is not null && await users.CheckPasswordAsync(admin, demo.Password);
            }
        }
    }

    /// <summary>Tells whoever started the app where it is and how to sign in.</summary>
    public static void AnnounceOnStart(WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Mentoring");
            var demo = app.Services.GetRequiredService<IOptions<DemoOptions>>().Value;
            var status = app.Services.GetRequiredService<DemoStatus>();
            foreach (var url in app.Urls)
            {
                logger.LogInformation("Mentoring is serving on {Url}", url);
            }
            if (status.IsDemoStore)
            {
                logger.LogInformation("Demo sign-in: {Email} with password {Password}", demo.AdminEmail, demo.Password);
            }
        });
    }
}

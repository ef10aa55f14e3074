using System.CommandLine;
using System.Security.Cryptography;
using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Cli;

/// <summary>
/// <c>mentoring users add EMAIL --role admin</c>: the way in for a real deployment, where the demo
/// organisation is off and nobody can sign in yet.
/// </summary>
internal static class UserVerbs
{
    public static Command Create()
    {
        var email = new Argument<string>("EMAIL") { Description = "The sign-in e-mail address." };
        var role = new Option<string[]>("--role")
        {
            Description = $"Role to grant: {string.Join(", ", Roles.All)}; repeat for several (--role admin --role sponsor).",
            Required = true,
        };
        var person = new Option<string?>("--person") { Description = "Link the account to this person (their HR id)." };
        var password = new Option<string?>("--password") { Description = "The password (at least 10 characters); one is generated and printed when left out." };
        var add = new Command("add", "Create a sign-in account, or add roles to an existing one.") { email, role, person, password };
        add.TreatUnmatchedTokensAsErrors = false;
        add.SetAction((parse, cancellationToken) => AddAsync(
            parse.GetValue(email)!, parse.GetValue(role)!, parse.GetValue(person), parse.GetValue(password),
            CliConfiguration.SettingsArgs(parse), cancellationToken));
        return new Command("users", "Manage sign-in accounts.") { add };
    }

    private static async Task<int> AddAsync(
        string email, string[] roles, string? personExternalId, string? password, string[] settings, CancellationToken cancellationToken)
    {
        if (CliConfiguration.CheckSettings(settings) is { } problem)
        {
            await Console.Error.WriteLineAsync(problem);
            return 2;
        }
        var unknown = roles.FirstOrDefault(r => !Roles.All.Contains(r));
        if (unknown is not null)
        {
            await Console.Error.WriteLineAsync($"--role: \"{unknown}\" is not a role ({string.Join(", ", Roles.All)})");
            return 2;
        }
        using var host = CliConfiguration.BuildHost(settings, identity: true);
        await Startup.InitializeAsync(host.Services, seedDemo: false, cancellationToken);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MentoringDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();

        Person? linked = null;
        if (personExternalId is not null)
        {
            linked = await db.People.SingleOrDefaultAsync(p => p.ExternalId == personExternalId, cancellationToken);
            if (linked is null)
            {
                await Console.Error.WriteLineAsync($"--person: no person has the id \"{personExternalId}\"");
                return 2;
            }
        }

        var account = await users.FindByEmailAsync(email);
        var generated = false;
        if (account is null)
        {
            generated = password is null;
            password ??= Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('/', '-').Replace('+', '_');
            account = new UserAccount { UserName = email, Email = email, EmailConfirmed = true, DisplayName = linked?.Name ?? email, PersonId = linked?.Id };
            if (!await Report(await users.CreateAsync(account, password)))
            {
                return 2;
            }
        }
        else
        {
            if (linked is not null)
            {
                account.PersonId = linked.Id;
                await users.UpdateAsync(account);
            }
            if (password is not null)
            {
                var token = await users.GeneratePasswordResetTokenAsync(account);
                if (!await Report(await users.ResetPasswordAsync(account, token, password)))
                {
                    return 2;
                }
            }
        }
        foreach (var role in roles.Where(r => !users.IsInRoleAsync(account, r).GetAwaiter().GetResult()))
        {
            await users.AddToRoleAsync(account, role);
        }
        var granted = string.Join(", ", await users.GetRolesAsync(account));
        Console.WriteLine(generated
            ? $"{email} can sign in with password {password} (roles: {granted}); change it after the first sign-in."
            : $"{email} has roles: {granted}");
        return 0;
    }

    private static async Task<bool> Report(IdentityResult result)
    {
        foreach (var error in result.Errors)
        {
            await Console.Error.WriteLineAsync(error.Description);
        }
        return result.Succeeded;
    }
}

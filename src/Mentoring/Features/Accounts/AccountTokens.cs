using Mentoring.Domain;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Mentoring.Features.Accounts;

/// <summary>The accounts settings (<c>Accounts:*</c>).</summary>
public sealed class AccountsOptions
{
    /// <summary>How long an invitation's link works, in days.</summary>
    public int InvitationDays { get; set; } = 7;

    /// <summary>How long a password-reset link works, in hours.</summary>
    public int PasswordResetHours { get; set; } = 24;

    /// <summary>The site's address as people reach it, for links in e-mails; empty: the address of the request that sends them.</summary>
    public string? PublicUrl { get; set; }
}

/// <summary>The names of the token providers and purposes behind the links in account e-mails.</summary>
public static class AccountTokens
{
    public const string InvitationProvider = "Invitation";
    public const string PasswordResetProvider = "PasswordReset";
    public const string InvitationPurpose = "invitation";

    public static IdentityBuilder AddAccountTokenProviders(this IdentityBuilder identity, IConfiguration configuration)
    {
        var options = configuration.GetSection("Accounts").Get<AccountsOptions>() ?? new AccountsOptions();
        identity.Services.Configure<ClockedTokenProviderOptions>(InvitationProvider, o =>
        {
            o.Name = InvitationProvider;
            o.TokenLifespan = TimeSpan.FromDays(Math.Max(1, options.InvitationDays));
        });
        identity.Services.Configure<ClockedTokenProviderOptions>(PasswordResetProvider, o =>
        {
            o.Name = PasswordResetProvider;
            o.TokenLifespan = TimeSpan.FromHours(Math.Max(1, options.PasswordResetHours));
        });
        identity.Services.AddTransient<InvitationTokenProvider>();
        identity.Services.AddTransient<PasswordResetTokenProvider>();
        identity.AddTokenProvider<InvitationTokenProvider>(InvitationProvider);
        identity.AddTokenProvider<PasswordResetTokenProvider>(PasswordResetProvider);
        identity.Services.Configure<IdentityOptions>(o => o.Tokens.PasswordResetTokenProvider = PasswordResetProvider);
        return identity;
    }
}

public sealed class ClockedTokenProviderOptions : DataProtectionTokenProviderOptions;

/// <summary>
/// Identity's data-protected tokens (user, purpose and security stamp inside, so a token dies when the
/// password is set), with their age read from the app's clock rather than the machine's.
/// </summary>
public abstract class ClockedTokenProvider(
    IDataProtectionProvider protection, IOptionsMonitor<ClockedTokenProviderOptions> options, string name, TimeProvider time,
    ILogger<DataProtectorTokenProvider<UserAccount>> logger)
    : DataProtectorTokenProvider<UserAccount>(protection, Microsoft.Extensions.Options.Options.Create<DataProtectionTokenProviderOptions>(options.Get(name)), logger)
{
    public override async Task<string> GenerateAsync(string purpose, UserManager<UserAccount> manager, UserAccount user)
    {
        using var stream = new MemoryStream();
        await using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(time.GetUtcNow().UtcTicks);
            writer.Write(await manager.GetUserIdAsync(user));
            writer.Write(purpose ?? "");
            writer.Write(await manager.GetSecurityStampAsync(user) ?? "");
        }
        return Convert.ToBase64String(Protector.Protect(stream.ToArray()));
    }

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<UserAccount> manager, UserAccount user)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(Protector.Unprotect(Convert.FromBase64String(token))), System.Text.Encoding.UTF8);
            var created = new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero);
            if (created + Options.TokenLifespan < time.GetUtcNow())
            {
                return false;
            }
            return reader.ReadString() == await manager.GetUserIdAsync(user)
                && reader.ReadString() == purpose
                && reader.ReadString() == (await manager.GetSecurityStampAsync(user) ?? "");
        }
        catch (Exception e) when (e is FormatException or System.Security.Cryptography.CryptographicException or EndOfStreamException or IOException)
        {
            return false;
        }
    }
}

public sealed class InvitationTokenProvider(
    IDataProtectionProvider protection, IOptionsMonitor<ClockedTokenProviderOptions> options, TimeProvider time, ILogger<DataProtectorTokenProvider<UserAccount>> logger)
    : ClockedTokenProvider(protection, options, AccountTokens.InvitationProvider, time, logger);

public sealed class PasswordResetTokenProvider(
    IDataProtectionProvider protection, IOptionsMonitor<ClockedTokenProviderOptions> options, TimeProvider time, ILogger<DataProtectorTokenProvider<UserAccount>> logger)
    : ClockedTokenProvider(protection, options, AccountTokens.PasswordResetProvider, time, logger);

using System.Security.Cryptography;
using Mentoring.Data;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Features.Scheduling;

/// <summary>
/// A person's secret calendar subscription address: one at a time; making a new one revokes the old,
/// so a leaked address is stopped by regenerating or revoking it.
/// </summary>
public sealed class CalendarLinks(MentoringDbContext db)
{
    public async Task<string?> TokenAsync(int personId, CancellationToken cancellationToken) =>
        await db.People.Where(p => p.Id == personId).Select(p => p.CalendarToken).SingleAsync(cancellationToken);

    public async Task<string> RenewAsync(int personId, CancellationToken cancellationToken)
    {
        var person = await db.People.SingleAsync(p => p.Id == personId, cancellationToken);
        person.CalendarToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        await db.SaveChangesAsync(cancellationToken);
        return person.CalendarToken;
    }

    public async Task RevokeAsync(int personId, CancellationToken cancellationToken)
    {
        var person = await db.People.SingleAsync(p => p.Id == personId, cancellationToken);
        person.CalendarToken = null;
        await db.SaveChangesAsync(cancellationToken);
    }

    public static string FeedUrl(HttpRequest request, string token) => $"{request.Scheme}://{request.Host}/calendar/{token}.ics";
}

/// <summary>
/// Call rooms nobody can guess: a scheduled session's room is an HMAC of its ids under a secret
/// derived from the app's data-protection key ring, so the name stays the same each time the
/// schedule is re-planned but cannot be worked out from the ids; roulette links get a random token.
/// </summary>
public static class CallRooms
{
    private static byte[]? key;

    /// <summary>Takes the secret from the data-protection key ring (its oldest key, made if there is none).</summary>
    public static void Initialize(IServiceProvider services)
    {
        var keys = services.GetRequiredService<Microsoft.AspNetCore.DataProtection.KeyManagement.IKeyManager>();
        var oldest = keys.GetAllKeys().Where(k => !k.IsRevoked).OrderBy(k => k.CreationDate).FirstOrDefault();
        if (oldest is null)
        {
            // Protecting once makes the ring create its first key.
            services.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>()
                .CreateProtector("Mentoring.CallRooms").Protect("start"u8.ToArray());
            oldest = keys.GetAllKeys().Where(k => !k.IsRevoked).OrderBy(k => k.CreationDate).First();
        }
        var secret = oldest.Descriptor.ExportToXml().SerializedDescriptorElement.ToString(System.Xml.Linq.SaveOptions.DisableFormatting);
        key = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("Mentoring.CallRooms:" + oldest.KeyId + secret));
    }

    /// <summary>The call link of a scheduled session of <paramref name="ids"/> (program, host, attendees).</summary>
    public static string SessionLink(params IEnumerable<int> ids)
    {
        // Before Initialize (a tool run outside the app) a process-wide random key: still unguessable.
        key ??= RandomNumberGenerator.GetBytes(32);
        var text = string.Join('-', ids.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var mac = HMACSHA256.HashData(key, System.Text.Encoding.UTF8.GetBytes(text));
        return "https://meet.jit.si/mentoring-" + Convert.ToHexStringLower(mac, 0, 16);
    }

    /// <summary>A random token for a call link (128 bits).</summary>
    public static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}

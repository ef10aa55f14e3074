using Microsoft.AspNetCore.Identity;
using NodaTime;

namespace Mentoring.Domain;

/// <summary>A sign-in account (ASP.NET Core Identity), linked to the person it belongs to.</summary>
public sealed class UserAccount : IdentityUser
{
    public int? PersonId { get; set; }

    public Person? Person { get; set; }

    public string DisplayName { get; set; } = "";

    /// <summary>The last time this account signed in (password or single sign-on).</summary>
    [AuditIgnored]
    public Instant? LastSignInAt { get; set; }

    /// <summary>Set while an admin has disabled the account: it cannot sign in and its sessions end.</summary>
    public Instant? DisabledAt { get; set; }

    /// <summary>When the last invitation was sent; null when none is pending.</summary>
    public Instant? InvitedAt { get; set; }

    /// <summary>When the pending invitation's link stops working; null when none is pending.</summary>
    public Instant? InvitationExpiresAt { get; set; }
}

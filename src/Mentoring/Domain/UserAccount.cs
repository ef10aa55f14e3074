using Microsoft.AspNetCore.Identity;

namespace Mentoring.Domain;

/// <summary>A sign-in account (ASP.NET Core Identity), linked to the person it belongs to.</summary>
public sealed class UserAccount : IdentityUser
{
    public int? PersonId { get; set; }

    public Person? Person { get; set; }

    public string DisplayName { get; set; } = "";
}

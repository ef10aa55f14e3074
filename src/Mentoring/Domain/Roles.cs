namespace Mentoring.Domain;

/// <summary>The sign-in roles. A person can hold several (a mentor in one program, a mentee in another).</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Mentor = "mentor";
    public const string Mentee = "mentee";
    public const string Sponsor = "sponsor";

    public static IReadOnlyList<string> All { get; } = [Admin, Mentor, Mentee, Sponsor];
}

namespace Mentoring.Domain;

/// <summary>How long cohort texts may be: the columns and the services' checks share these.</summary>
public static class CohortLimits
{
    /// <summary>Each of a stand-up's three answers.</summary>
    public const int Did = 1000;

    public const int Reply = 1000;

    public const int Victory = 1000;

    /// <summary>Kudos are a short message, on one line.</summary>
    public const int Kudos = 280;

    /// <summary>People a private victory may be shared with at once.</summary>
    public const int Shares = 50;
}

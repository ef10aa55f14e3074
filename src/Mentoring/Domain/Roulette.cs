using NodaTime;

namespace Mentoring.Domain;

/// <summary>How often someone wants a coffee (or a program draws rounds).</summary>
public enum RouletteCadence
{
    Weekly,
    EveryTwoWeeks,
    Monthly,
}

/// <summary>Which difference the draw favours: cross-department pairs by default.</summary>
public enum RouletteMix
{
    Department,
    Office,
    Level,
}

/// <summary>A coffee-roulette program's settings: when rounds are drawn and how people are introduced.</summary>
public sealed class RouletteSettings
{
    public RouletteCadence Cadence { get; set; } = RouletteCadence.EveryTwoWeeks;

    /// <summary>Rounds are drawn on this day at this hour, in this time zone.</summary>
    public IsoDayOfWeek DrawDay { get; set; } = IsoDayOfWeek.Monday;

    public int DrawHour { get; set; } = 9;

    public string TimeZone { get; set; } = "Europe/London";

    public RouletteMix MixBy { get; set; } = RouletteMix.Department;

    /// <summary>The introduction; {names}, {starter}, {link} and {program} are filled in.</summary>
    public string IntroductionTemplate { get; set; } =
        "Hi {names}! You have been paired for a virtual coffee in {program}. Find 30 minutes this week. "
        + "A question to start with: {starter} Join the call here: {link}";

    /// <summary>The video-call link; {program}, {round}, {pair} and {token} are filled in.</summary>
    public string VideoLinkTemplate { get; set; } = "https://meet.jit.si/mentoring-{program}-{round}-{pair}-{token}";

    public List<string> ConversationStarters { get; set; } =
    [
        "What is something you learned this month that surprised you?",
        "Tell each other your life story in three minutes each.",
        "What does a great week at work look like for you?",
        "Which skill would you love to swap with someone here?",
        "What is the best advice you have ever been given?",
        "What are you looking forward to this quarter?",
    ];
}

/// <summary>One draw of a coffee-roulette program, for one period (at most one per period: rounds are idempotent).</summary>
public sealed class RouletteRound
{
    public int Id { get; set; }

    public int ProgramId { get; set; }

    /// <summary>The first day of the period this round belongs to, in the program's zone.</summary>
    public LocalDate PeriodStart { get; set; }

    public Instant DrawnAt { get; set; }

    /// <summary>Drawn by the schedule, or by an admin with "run a round now".</summary>
    public bool Manual { get; set; }

    public int Participants { get; set; }

    public int Repeats { get; set; }

    public int CrossGroup { get; set; }

    public bool Optimal { get; set; }

    public List<RoulettePairing> Pairings { get; set; } = [];
}

/// <summary>Two (or three) people who were introduced, and whether each says they met.</summary>
public sealed class RoulettePairing
{
    public int Id { get; set; }

    public int RoundId { get; set; }

    public int PersonAId { get; set; }

    public Person? PersonA { get; set; }

    public int PersonBId { get; set; }

    public Person? PersonB { get; set; }

    /// <summary>The third person of the round's trio, when the count was odd.</summary>
    public int? PersonCId { get; set; }

    public Person? PersonC { get; set; }

    public string Starter { get; set; } = "";

    public string VideoLink { get; set; } = "";

    public string Introduction { get; set; } = "";

    public bool? MetA { get; set; }

    public bool? MetB { get; set; }

    public bool? MetC { get; set; }

    public IEnumerable<int> Members => PersonCId is { } c ? [PersonAId, PersonBId, c] : [PersonAId, PersonBId];

    /// <summary>They met when anyone of them says so.</summary>
    public bool Met => MetA == true || MetB == true || MetC == true;

    public bool Answered => MetA is not null || MetB is not null || MetC is not null;
}

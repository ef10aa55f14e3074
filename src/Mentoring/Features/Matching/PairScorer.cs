using Mentoring.Domain;
using NodaTime;

namespace Mentoring.Features.Matching;

/// <summary>
/// The score of <see cref="PairScoring.Score"/> without its reasons, for every pair of a large
/// program: each profile is turned once into numbers (interned words, stems, a working-day key,
/// the manager chain), so a pair costs a few integer comparisons instead of string sets and time-zone
/// arithmetic. 10,000 mentees × 2,000 mentors is 20 million pairs; the reasons are written afterwards
/// for the pairs chosen only. Gives exactly the same score (same factors, same order of the sums).
/// </summary>
public sealed class PairScorer
{
    private readonly MatchingSettings settings;
    private readonly bool reverse;
    private readonly LocalDate on;
    private readonly Dictionary<string, int> words = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> stems = new(StringComparer.Ordinal);
    private readonly Dictionary<(string? Zone, LocalTime? Start, LocalTime? End), int> days = [];
    private readonly List<(string? Zone, LocalTime? Start, LocalTime? End)> dayKeys = [];
    private readonly Dictionary<(int, int), (double Shared, double FullDay)> hours = [];
    private (double Shared, double FullDay)[,]? sealedHours;
    private readonly IReadOnlyDictionary<int, int?> managerOf;
    private readonly IReadOnlySet<(int Mentor, int Mentee)> earlierPairs;

    public PairScorer(MatchingSettings settings, bool reverse, LocalDate on, IReadOnlyDictionary<int, int?> managerOf, IReadOnlySet<(int Mentor, int Mentee)> earlierPairs)
    {
        this.settings = settings;
        this.reverse = reverse;
        this.on = on;
        this.managerOf = managerOf;
        this.earlierPairs = earlierPairs;
        weights = new Weights(Math.Max(0, settings.ValuesWeight), Math.Max(0, settings.InterestsWeight), Math.Max(0, settings.SkillsWeight),
            Math.Max(0, settings.LevelGapWeight), Math.Max(0, settings.CrossDepartmentWeight), Math.Max(0, settings.TimeZoneWeight),
            Math.Max(0, settings.SameOfficeWeight));
    }

    private readonly Weights weights;

    /// <summary>A profile as numbers.</summary>
    public sealed class Prepared
    {
        public required MatchProfile Profile { get; init; }
        public required int[] Values { get; init; }
        public required int[] Interests { get; init; }
        public required int[][] SkillStems { get; init; }
        /// <summary>Sorted, distinct.</summary>
        public required int[] GoalStems { get; init; }
        public required int Department { get; init; }
        public required int Day { get; init; }
        public required int[] Languages { get; init; }
        public required int LanguageCount { get; init; }
        public required int[] HopesToGet { get; init; }
        public required int HopesToGetCount { get; init; }
        public required int[] HopesToGive { get; init; }
        public required int HopesToGiveCount { get; init; }
        public required int[] Ancestors { get; init; }
        public required bool OfficeNamed { get; init; }
    }

    public Prepared Prepare(MatchProfile p) => new()
    {
        Profile = p,
        Values = Intern(p.Values),
        Interests = Intern(p.Interests),
        SkillStems = p.Skills.Select(s => Words(s).Select(Stem).ToArray()).ToArray(),
        GoalStems = Words(p.Goals).Select(Stem).Distinct().Order().ToArray(),
        Department = string.IsNullOrWhiteSpace(p.Department) ? -1 : Word(p.Department),
        Day = DayOf(p),
        Languages = Intern(p.Languages),
        LanguageCount = p.Languages.Count,
        HopesToGet = Intern(p.HopesToGet),
        HopesToGetCount = p.HopesToGet.Count,
        HopesToGive = Intern(p.HopesToGive),
        HopesToGiveCount = p.HopesToGive.Count,
        Ancestors = AncestorsOf(p.PersonId),
        OfficeNamed = !string.IsNullOrWhiteSpace(p.OfficeName),
    };

    /// <summary>
    /// Computes the working-hours fit of every two working days seen so far, once: after this the scorer
    /// only reads, and scores pairs of prepared profiles on several threads at once.
    /// </summary>
    public void Seal()
    {
        var grid = new (double, double)[dayKeys.Count, dayKeys.Count];
        for (var a = 0; a < dayKeys.Count; a++)
        {
            for (var b = 0; b < dayKeys.Count; b++)
            {
                grid[a, b] = Hours(a, b);
            }
        }
        sealedHours = grid;
    }

    /// <summary>Which rule forbids the pair, as <see cref="MatchEligibility.Forbids"/> would say it; 0 when it is allowed.</summary>
    public int Forbids(Prepared mentor, Prepared mentee)
    {
        int a = mentor.Profile.PersonId, b = mentee.Profile.PersonId;
        if (a == b)
        {
            return 1;
        }
        if (Array.IndexOf(mentee.Ancestors, a) >= 0 || Array.IndexOf(mentor.Ancestors, b) >= 0)
        {
            return 2;
        }
        var gap = reverse ? mentee.Profile.Level - mentor.Profile.Level : mentor.Profile.Level - mentee.Profile.Level;
        if (gap < settings.MinimumLevelGap)
        {
            return 3;
        }
        if (settings.SameOfficeOnly && (mentor.Profile.OfficeId is null || mentor.Profile.OfficeId != mentee.Profile.OfficeId))
        {
            return 4;
        }
        if (settings.NoRepeatPairings && earlierPairs.Count > 0 && (earlierPairs.Contains((a, b)) || earlierPairs.Contains((b, a))))
        {
            return 5;
        }
        return 0;
    }

    /// <summary>The words of <see cref="MatchEligibility.Forbids"/> for a rule number of <see cref="Forbids(Prepared, Prepared)"/>.</summary>
    public string Rule(int code) => code switch
    {
        1 => "the same person",
        2 => "in the same reporting line",
        3 => $"fewer than {settings.MinimumLevelGap} level(s) apart",
        4 => "not in the same office",
        _ => "paired before",
    };

    public double Score(Prepared mentor, Prepared mentee)
    {
        // The same factors, weights and order of the sums as PairScoring.Score: a double sum in another order could round differently.
        double total = 0, earned = 0;
        var w = weights;

        total += w.Values;
        earned += w.Values * Overlap(mentor.Values.Length, mentee.Values.Length, SharedCount(mentor.Values, mentee.Values));
        total += w.Interests;
        earned += w.Interests * Overlap(mentor.Interests.Length, mentee.Interests.Length, SharedCount(mentor.Interests, mentee.Interests));

        var skills = 0;
        var goals = mentee.GoalStems;
        if (goals.Length > 0)
        {
            foreach (var skill in mentor.SkillStems)
            {
                if (skill.Length > 0 && AllIn(skill, goals))
                {
                    skills++;
                }
            }
        }
        total += w.Skills;
        earned += w.Skills * Math.Min(1.0, skills / 2.0);

        var gap = reverse ? mentee.Profile.Level - mentor.Profile.Level : mentor.Profile.Level - mentee.Profile.Level;
        total += w.LevelGap;
        earned += w.LevelGap * gap switch { 2 => 1.0, 1 or 3 => 0.75, 4 => 0.5, _ => 0.0 };

        total += w.CrossDepartment;
        earned += w.CrossDepartment * (mentor.Department >= 0 && mentee.Department >= 0 && mentor.Department != mentee.Department ? 1 : 0);

        var (overlapHours, fullDay) = Hours(mentor.Day, mentee.Day);
        total += w.TimeZone;
        earned += w.TimeZone * (fullDay <= 0 ? 0 : Math.Min(1.0, overlapHours / fullDay));

        total += w.SameOffice;
        earned += w.SameOffice * (mentor.Profile.OfficeId is not null && mentor.Profile.OfficeId == mentee.Profile.OfficeId && mentor.OfficeNamed ? 1 : 0);

        if (mentor.LanguageCount > 0 && mentee.LanguageCount > 0)
        {
            total += w.Interests;
            earned += w.Interests * (SharedCount(mentor.Languages, mentee.Languages) > 0 ? 1 : 0);
        }
        if (mentor.HopesToGiveCount > 0 && mentee.HopesToGetCount > 0)
        {
            total += w.Skills;
            earned += w.Skills * Math.Min(1.0, SharedCount(mentor.HopesToGive, mentee.HopesToGet) / 2.0);
        }
        var score = total <= 0 ? 0 : Math.Round(earned / total, 4, MidpointRounding.AwayFromZero);
        return Math.Clamp(score, 0, 1);
    }

    /// <summary>Whether every stem of a skill is among the goal's stems (sorted, distinct).</summary>
    private static bool AllIn(int[] skill, int[] goals)
    {
        foreach (var stem in skill)
        {
            if (Array.BinarySearch(goals, stem) < 0)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The program's weights, each at least 0, as <see cref="PairScoring.Score"/> counts them.</summary>
    private readonly record struct Weights(
        double Values, double Interests, double Skills, double LevelGap, double CrossDepartment, double TimeZone, double SameOffice);

    private static double Overlap(int a, int b, int shared)
    {
        var union = a + b - shared;
        return union == 0 ? 0 : (double)shared / union;
    }

    /// <summary>Items both sorted, distinct arrays hold.</summary>
    private static int SharedCount(int[] a, int[] b)
    {
        int i = 0, j = 0, shared = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                shared++;
                i++;
                j++;
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }
        return shared;
    }

    private (double Shared, double FullDay) Hours(int a, int b)
    {
        if (sealedHours is { } grid && a < grid.GetLength(0) && b < grid.GetLength(0))
        {
            return grid[a, b];
        }
        if (!hours.TryGetValue((a, b), out var fit))
        {
            var (zoneA, startA, endA) = dayKeys[a];
            var (zoneB, startB, endB) = dayKeys[b];
            fit = PairScoring.WorkingHoursFit(
                new MatchProfile(0, "", 0, null, null, null, zoneA, [], [], [], "") { WorkdayStart = startA, WorkdayEnd = endA },
                new MatchProfile(0, "", 0, null, null, null, zoneB, [], [], [], "") { WorkdayStart = startB, WorkdayEnd = endB }, on);
            hours[(a, b)] = fit;
        }
        return fit;
    }

    private int DayOf(MatchProfile p)
    {
        var key = (p.TimeZone, p.WorkdayStart, p.WorkdayEnd);
        if (!days.TryGetValue(key, out var id))
        {
            id = dayKeys.Count;
            days[key] = id;
            dayKeys.Add(key);
        }
        return id;
    }

    private int[] AncestorsOf(int person)
    {
        var seen = new List<int>();
        for (var current = managerOf.GetValueOrDefault(person); current is { } id && !seen.Contains(id); current = managerOf.GetValueOrDefault(id))
        {
            seen.Add(id);
        }
        return [.. seen];
    }

    private int[] Intern(IReadOnlyList<string> items) => items.Select(Word).Distinct().Order().ToArray();

    private int Word(string word)
    {
        if (!words.TryGetValue(word, out var id))
        {
            id = words.Count;
            words[word] = id;
        }
        return id;
    }

    private int Stem(string word)
    {
        var stem = word.Length <= 5 ? word : word[..5];
        if (!stems.TryGetValue(stem, out var id))
        {
            id = stems.Count;
            stems[stem] = id;
        }
        return id;
    }

    private static List<string> Words(string text) =>
        text.ToLowerInvariant().Split([' ', ',', '.', ';', ':', '-', '/', '(', ')', '"', '\'', '!', '?'], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.Length >= 3).ToList();
}

using Mentoring.Domain;
using Mentoring.Engine.Common;
using NodaTime;

namespace Mentoring.Features.Matching;

/// <summary>What matching knows about a person: their profile and, for mentees, their goals.</summary>
public sealed record MatchProfile(
    int PersonId, string Name, int Level, string? Department, int? OfficeId, string? OfficeName, string? TimeZone,
    IReadOnlyList<string> Values, IReadOnlyList<string> Interests, IReadOnlyList<string> Skills, string Goals,
    IReadOnlyList<SaidInApplication>? Said = null)
{
    /// <summary>Languages they speak (from their own profile).</summary>
    public IReadOnlyList<string> Languages { get; init; } = [];

    public IReadOnlyList<string> HopesToGet { get; init; } = [];

    public IReadOnlyList<string> HopesToGive { get; init; } = [];

    /// <summary>Their own working day, local; 09:00–17:00 where not given.</summary>
    public LocalTime? WorkdayStart { get; init; }

    public LocalTime? WorkdayEnd { get; init; }
}

/// <summary>An answer from the person's application that the admin mapped to a part of the profile.</summary>
public sealed record SaidInApplication(AnswerMapping MapsTo, string Value);

/// <summary>A pair's fit: the score in [0, 1] at 4 decimals and the reasons behind it.</summary>
public sealed record PairScore(double Score, IReadOnlyList<MatchReason> Reasons);

/// <summary>
/// Scores a mentor–mentee pair from their profiles (docs/matching.md explains each factor). Each
/// factor is a number in [0, 1]; the score is their average weighted by the program's weights,
/// and each reason's share is its part of that score.
/// </summary>
public static class PairScoring
{
    /// <summary>Scores the pair as of <paramref name="on"/>, the date whose working hours (and summer time) count.</summary>
    public static PairScore Score(MatchProfile mentor, MatchProfile mentee, MatchingSettings settings, bool reverse, LocalDate on)
    {
        var factors = new List<(string Factor, double Weight, double Value, string Text)>();

        var sharedValues = Shared(mentor.Values, mentee.Values);
        factors.Add(("values", settings.ValuesWeight, Overlap(mentor.Values, mentee.Values),
            sharedValues.Count == 0 ? "" : $"Both value {Join(sharedValues)}"));

        var sharedInterests = Shared(mentor.Interests, mentee.Interests);
        factors.Add(("interests", settings.InterestsWeight, Overlap(mentor.Interests, mentee.Interests),
            sharedInterests.Count == 0 ? "" : $"Both enjoy {Join(sharedInterests)}"));

        var skillsForGoals = SkillsMatchingGoals(mentor.Skills, mentee.Goals);
        factors.Add(("skills", settings.SkillsWeight, Math.Min(1.0, skillsForGoals.Count / 2.0),
            skillsForGoals.Count == 0 ? "" : $"{Possessive(mentor.Name)} {Join(skillsForGoals)} speaks to the goal \"{Shorten(mentee.Goals)}\""));

        var gap = reverse ? mentee.Level - mentor.Level : mentor.Level - mentee.Level;
        var gapValue = gap switch { 2 => 1.0, 1 or 3 => 0.75, 4 => 0.5, _ => 0.0 };
        factors.Add(("level", settings.LevelGapWeight, gapValue, gap > 0 ? $"{gap} level{(gap == 1 ? "" : "s")} apart: near enough to relate, far enough to learn" : ""));

        var crossDepartment = !string.IsNullOrWhiteSpace(mentor.Department) && !string.IsNullOrWhiteSpace(mentee.Department)
            && !string.Equals(mentor.Department, mentee.Department, StringComparison.OrdinalIgnoreCase);
        factors.Add(("department", settings.CrossDepartmentWeight, crossDepartment ? 1 : 0,
            crossDepartment ? $"A view from outside the team: {mentor.Department} and {mentee.Department}" : ""));

        // Unknown zones earn nothing and say nothing: a fit nobody knows is not a reason.
        var (overlapHours, fullDay) = WorkingHoursFit(mentor, mentee, on);
        factors.Add(("timeZone", settings.TimeZoneWeight, fullDay <= 0 ? 0 : Math.Min(1.0, overlapHours / fullDay),
            fullDay <= 0 ? "" : overlapHours >= fullDay ? "Same working hours" : overlapHours > 0 ? $"{overlapHours:0.#} working hours overlap for video calls" : ""));

        var sameOffice = mentor.OfficeId is not null && mentor.OfficeId == mentee.OfficeId && !string.IsNullOrWhiteSpace(mentor.OfficeName);
        factors.Add(("office", settings.SameOfficeWeight, sameOffice ? 1 : 0, sameOffice ? $"Both in the {mentor.OfficeName} office" : ""));

        // What people wrote in their own profile counts only when both sides wrote it, so a roster
        // without profiles scores as it always did.
        if (mentor.Languages.Count > 0 && mentee.Languages.Count > 0)
        {
            var sharedLanguages = Shared(mentor.Languages, mentee.Languages);
            factors.Add(("languages", settings.InterestsWeight, sharedLanguages.Count > 0 ? 1 : 0,
                sharedLanguages.Count == 0 ? "" : $"Both speak {Join(sharedLanguages)}"));
        }
        if (mentor.HopesToGive.Count > 0 && mentee.HopesToGet.Count > 0)
        {
            var hopes = Shared(mentor.HopesToGive, mentee.HopesToGet);
            factors.Add(("hopes", settings.SkillsWeight, Math.Min(1.0, hopes.Count / 2.0),
                hopes.Count == 0 ? "" : $"{mentor.Name} hopes to give {Join(hopes)}, which {mentee.Name} hopes to get"));
        }

        // Where an application answer made a reason, the reason says so.
        for (var i = 0; i < factors.Count; i++)
        {
            var (factor, weight, value, text) = factors[i];
            var quote = text.Length == 0 ? null : factor switch
            {
                "values" => Said(sharedValues, AnswerMapping.Values, mentor, mentee),
                "interests" => Said(sharedInterests, AnswerMapping.Interests, mentor, mentee),
                "skills" => Said(skillsForGoals, AnswerMapping.Skills, mentor, mentee)
                    ?? (mentee.Said ?? []).Where(s => s.MapsTo == AnswerMapping.Goals)
                        .FirstOrDefault(s => SkillsMatchingGoals(skillsForGoals, s.Value).Count > 0)?.Value,
                _ => null,
            };
            if (quote is not null)
            {
                factors[i] = (factor, weight, value, $"{text}. Said in their application: \"{Shorten(quote)}\"");
            }
        }

        var totalWeight = factors.Sum(f => Math.Max(0, f.Weight));
        var earned = factors.Sum(f => Math.Max(0, f.Weight) * f.Value);
        var score = totalWeight <= 0 ? 0 : Math.Round(earned / totalWeight, 4, MidpointRounding.AwayFromZero);
        var reasons = factors
            .Where(f => f.Weight > 0 && f.Value > 0 && f.Text.Length > 0)
            .Select(f => new MatchReason(f.Factor, f.Text, Math.Round(f.Weight * f.Value / earned, 3)))
            .OrderByDescending(r => r.Share)
            .ToList();
        return new PairScore(Math.Clamp(score, 0, 1), reasons);
    }

    /// <summary>
    /// Hours of their working days the two zones share on <paramref name="on"/> (0 to 8, by the
    /// engine's one working-hours rule); 0 when either zone is unknown, since nothing is known to overlap.
    /// </summary>
    public static double WorkingHoursOverlap(string? zoneA, string? zoneB, LocalDate on)
    {
        var a = zoneA is null ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneA);
        var b = zoneB is null ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneB);
        if (a is null || b is null)
        {
            return 0;
        }
        return WorkingHours.Shared(on, a, b).TotalHours;
    }

    /// <summary>The first of the shared items that either person gave in their application under this mapping.</summary>
    private static string? Said(List<string> shared, AnswerMapping mapping, MatchProfile mentor, MatchProfile mentee) =>
        (mentee.Said ?? []).Concat(mentor.Said ?? [])
            .FirstOrDefault(s => s.MapsTo == mapping && shared.Contains(s.Value, StringComparer.OrdinalIgnoreCase))?.Value;

    /// <summary>
    /// The hours two people's own working days share on <paramref name="on"/>, and the shorter of
    /// their two days (what "the same hours" would share); (0, 0) when either zone is unknown.
    /// </summary>
    public static (double Shared, double FullDay) WorkingHoursFit(MatchProfile a, MatchProfile b, LocalDate on)
    {
        var zoneA = a.TimeZone is null ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(a.TimeZone);
        var zoneB = b.TimeZone is null ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(b.TimeZone);
        if (zoneA is null || zoneB is null)
        {
            return (0, 0);
        }
        var shared = WorkingHours.Shared(on, zoneA, a.WorkdayStart, a.WorkdayEnd, zoneB, b.WorkdayStart, b.WorkdayEnd).TotalHours;
        var dayA = WorkingHours.Day(on, zoneA, a.WorkdayStart ?? WorkingHours.DayStart, a.WorkdayEnd ?? WorkingHours.DayEnd).Duration.TotalHours;
        var dayB = WorkingHours.Day(on, zoneB, b.WorkdayStart ?? WorkingHours.DayStart, b.WorkdayEnd ?? WorkingHours.DayEnd).Duration.TotalHours;
        return (shared, Math.Min(dayA, dayB));
    }

    private static double Overlap(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        var union = a.Union(b, StringComparer.OrdinalIgnoreCase).Count();
        return union == 0 ? 0 : (double)Shared(a, b).Count / union;
    }

    private static List<string> Shared(IReadOnlyList<string> a, IReadOnlyList<string> b) =>
        a.Intersect(b, StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>
    /// The mentor's skills that the mentee's goals ask for: every word of the skill appears in the
    /// goals, compared on their first five letters so that "presenting" meets "presentation".
    /// </summary>
    internal static List<string> SkillsMatchingGoals(IReadOnlyList<string> skills, string goals)
    {
        var goalStems = Words(goals).Select(Stem).ToHashSet(StringComparer.Ordinal);
        return skills.Where(skill => Words(skill) is { Count: > 0 } words && words.All(w => goalStems.Contains(Stem(w)))).ToList();
    }

    private static List<string> Words(string text) =>
        text.ToLowerInvariant().Split([' ', ',', '.', ';', ':', '-', '/', '(', ')', '"', '\'', '!', '?'], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.Length >= 3).ToList();

    private static string Stem(string word) => word.Length <= 5 ? word : word[..5];

    private static string Join(List<string> items) =>
        items.Count == 1 ? items[0] : string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1];

    private static string Possessive(string name) => name.EndsWith('s') ? name + "' skill in" : name + "'s skill in";

    private static string Shorten(string text) => text.Length <= 60 ? text.Trim() : text[..57].TrimEnd() + "…";
}

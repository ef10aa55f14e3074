using Mentoring.Engine.Common;
using NodaTime;

namespace Mentoring.Engine.Roulette;

/// <summary>Someone in a roulette round: their own id, their group (team, department) and IANA time zone, both optional.</summary>
public sealed record RouletteParticipant<TId>(TId Id, string? Group = null, string? TimeZone = null)
    where TId : notnull;

/// <summary>
/// A roulette round to draw. <paramref name="History"/> holds the pairs who met before (ids of
/// participants; order inside a pair does not matter). <paramref name="Date"/> is the day whose
/// working hours count; null is the engine's fixed default (see README.md).
/// </summary>
public sealed record RouletteRequest<TId>(
    IReadOnlyList<RouletteParticipant<TId>> Participants,
    IReadOnlyList<(TId A, TId B)> History,
    long Seed = 0,
    LocalDate? Date = null)
    where TId : notnull;

/// <summary>The round: pairs, the trio when the count is odd, its figures and whether the engine proved it optimal.</summary>
public sealed record RouletteResult<TId>(
    IReadOnlyList<(TId A, TId B)> Pairs,
    IReadOnlyList<TId>? Trio,
    int Repeats,
    int CrossGroup,
    bool Optimal)
    where TId : notnull;

/// <summary>
/// The roulette engine for the app's own features: the same validation and solver as
/// <c>mentoring engine roulette</c>, on the caller's own ids. An invalid request (an unknown id in
/// the history, an unknown time zone, a single participant) throws <see cref="EngineInputException"/>
/// naming the field, as the command line does.
/// </summary>
public static class RouletteEngine
{
    public static RouletteResult<TId> Solve<TId>(RouletteRequest<TId> request)
        where TId : notnull
    {
        ArgumentNullException.ThrowIfNull(request);
        var participants = request.Participants;
        var index = new Dictionary<TId, int>(participants.Count);
        var groups = new Dictionary<string, int>(StringComparer.Ordinal);
        var zoneIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var zones = new List<DateTimeZone>();
        var group = new int[participants.Count];
        var zone = new int[participants.Count];
        for (var i = 0; i < participants.Count; i++)
        {
            var p = participants[i];
            if (!index.TryAdd(p.Id, i))
            {
                throw JsonInput.Invalid($"participants[{i}].id", $"duplicate id {p.Id}");
            }
            group[i] = p.Group is null ? -1 : Intern(groups, p.Group);
            zone[i] = -1;
            if (p.TimeZone is not null)
            {
                if (!zoneIndex.TryGetValue(p.TimeZone, out zone[i]))
                {
                    var found = DateTimeZoneProviders.Tzdb.GetZoneOrNull(p.TimeZone)
                        ?? throw JsonInput.Invalid($"participants[{i}].timeZone", $"unknown time zone \"{p.TimeZone}\"");
                    zone[i] = zoneIndex[p.TimeZone] = zones.Count;
                    zones.Add(found);
                }
            }
        }
        var pairs = new int[request.History.Count * 2];
        for (var h = 0; h < request.History.Count; h++)
        {
            var (a, b) = request.History[h];
            pairs[2 * h] = index.TryGetValue(a, out var ia) ? ia : throw JsonInput.Invalid($"history[{h}][0]", $"unknown participant id {a}");
            pairs[(2 * h) + 1] = index.TryGetValue(b, out var ib) ? ib : throw JsonInput.Invalid($"history[{h}][1]", $"unknown participant id {b}");
            if (ia == ib)
            {
                throw JsonInput.Invalid($"history[{h}]", $"a pair needs two different ids, got {a} twice");
            }
        }
        var problem = new RouletteProblem
        {
            Count = participants.Count,
            Group = group,
            GroupCount = JsonInput.CloseGroups(group, groups.Count),
            Zone = zone,
            ZoneCount = zones.Count,
            ZoneOverlap = WorkingHours.OverlapMatrix(zones, request.Date ?? RouletteProblem.DefaultDate),
            History = PairHistory.Build(participants.Count, pairs),
            Seed = request.Seed,
        };

        var round = Solve(problem);
        var result = new List<(TId, TId)>();
        for (var u = 0; u < round.Partner.Length; u++)
        {
            if (round.Partner[u] > u)
            {
                result.Add((participants[u].Id, participants[round.Partner[u]].Id));
            }
        }
        var trio = round.Trio?.Order().Select(v => participants[v].Id).ToList();
        return new RouletteResult<TId>(result, trio, round.Repeats, round.CrossGroup, round.Optimal);
    }

    /// <summary>The solve behind both entry points: this API and the command line's JSON adapter.</summary>
    internal static RouletteRound Solve(RouletteProblem problem) => RouletteSolver.Solve(problem);

    private static int Intern(Dictionary<string, int> table, string key)
    {
        if (!table.TryGetValue(key, out var i))
        {
            i = table[key] = table.Count;
        }
        return i;
    }
}

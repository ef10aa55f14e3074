using Mentoring.Engine.Scheduling;

namespace Mentoring.Engine;

/// <summary>The engine verbs, in the order the contract lists them.</summary>
public static class EngineCommands
{
    public static IReadOnlyList<IEngineCommand> All { get; } =
    [
        // Each solver registers its verb here: match, roulette, groups, schedule.
        new ScheduleCommand(),
    ];
}

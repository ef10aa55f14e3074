using Mentoring.Engine.Groups;
using Mentoring.Engine.Matching;
using Mentoring.Engine.Roulette;
using Mentoring.Engine.Scheduling;

namespace Mentoring.Engine;

/// <summary>The engine verbs, in the order the contract lists them.</summary>
public static class EngineCommands
{
    public static IReadOnlyList<IEngineCommand> All { get; } =
    [
        new MatchCommand(),
        new RouletteCommand(),
        new GroupsCommand(),
        new ScheduleCommand(),
    ];
}

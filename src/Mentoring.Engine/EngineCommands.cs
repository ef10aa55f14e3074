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

    /// <summary>The verb of that name; the app's features run the engine through the same contract as the command line.</summary>
    public static IEngineCommand Get(string name) =>
        All.FirstOrDefault(c => c.Name == name) ?? throw new InvalidOperationException($"no engine verb \"{name}\"");
}

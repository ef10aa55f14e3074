namespace Mentoring.Engine;

/// <summary>
/// One verb of <c>mentoring engine …</c> (see shared/contracts/engine.md): a JSON problem in,
/// a JSON result out. Implementations parse and validate the problem, solve it, and write the
/// result; they never touch files or the console. Each is a thin adapter over its solver's typed entry point
/// (e.g. <c>RouletteEngine</c>), which the app's features call directly.
/// </summary>
public interface IEngineCommand
{
    /// <summary>The verb, e.g. <c>match</c>.</summary>
    string Name { get; }

    /// <summary>One line for <c>--help</c>.</summary>
    string Description { get; }

    /// <summary>
    /// Solves <paramref name="problemJson"/> and writes the result JSON to <paramref name="result"/>.
    /// Throws <see cref="EngineInputException"/> when the problem is invalid.
    /// </summary>
    void Run(ReadOnlyMemory<byte> problemJson, Stream result);
}

/// <summary>
/// The problem is invalid. The message is one line that names the field and the reason,
/// e.g. <c>pairs[17].mentor: unknown mentor id "m9"</c>; the command line prints it and exits 2.
/// </summary>
public sealed class EngineInputException : Exception
{
    public EngineInputException(string message) : base(message) { }

    public EngineInputException(string message, Exception inner) : base(message, inner) { }

    public EngineInputException() { }
}

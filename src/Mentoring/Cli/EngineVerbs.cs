using System.CommandLine;
using Mentoring.Engine;

namespace Mentoring.Cli;

/// <summary>
/// <c>mentoring engine VERB --in FILE --out FILE</c>: runs an engine solver on a JSON file
/// ("-" is standard input or output). Exit codes follow shared/contracts/engine.md:
/// 0 solved, 2 invalid input (one line on stderr), 1 internal error (one line, no stack trace).
/// </summary>
internal static class EngineVerbs
{
    public static Command Create()
    {
        var engine = new Command("engine", "Run the optimisation engine on a JSON problem (matching, roulette, groups, scheduling).");
        foreach (var solver in EngineCommands.All)
        {
            engine.Subcommands.Add(CreateVerb(solver));
        }
        return engine;
    }

    private static Command CreateVerb(IEngineCommand solver)
    {
        var input = new Option<string>("--in") { Description = "Problem JSON file, or - for standard input.", Required = true };
        var output = new Option<string>("--out") { Description = "Result JSON file, or - for standard output.", DefaultValueFactory = _ => "-" };
        var verb = new Command(solver.Name, solver.Description) { input, output };
        verb.SetAction(parse => Run(solver, parse.GetValue(input)!, parse.GetValue(output)!));
        return verb;
    }

    internal static int Run(IEngineCommand solver, string inPath, string outPath)
    {
        ReadOnlyMemory<byte> problem;
        try
        {
            problem = inPath == "-" ? ReadAll(Console.OpenStandardInput()) : File.ReadAllBytes(inPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"--in: cannot read \"{inPath}\": {e.Message}");
            return 2;
        }

        try
        {
            // Solve into memory first so that a failed run never leaves a half-written result file.
            using var buffer = new MemoryStream();
            solver.Run(problem, buffer);
            if (outPath == "-")
            {
                using var stdout = Console.OpenStandardOutput();
                buffer.Position = 0;
                buffer.CopyTo(stdout);
            }
            else
            {
                File.WriteAllBytes(outPath, buffer.ToArray());
            }
            return 0;
        }
        catch (EngineInputException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"--out: cannot write \"{outPath}\": {e.Message}");
            return 2;
        }
#pragma warning disable CA1031 // The contract promises one line and exit 1, never a stack trace.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Console.Error.WriteLine($"internal error: {e.GetType().Name}: {e.Message}");
            return 1;
        }
    }

    private static byte[] ReadAll(Stream stream)
    {
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}

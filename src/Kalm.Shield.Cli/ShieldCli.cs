namespace Kalm.Shield.Cli;

/// <summary>The <c>kalm-shield</c> command line, over plain streams so tests can run it in-process.</summary>
public static class ShieldCli
{
    /// <summary>Exit code for success, including an analyze run with bad input lines (they are reported inline).</summary>
    public const int Success = 0;

    /// <summary>Exit code when a labelled set cannot be read.</summary>
    public const int DataError = 1;

    /// <summary>Exit code for a wrong command line.</summary>
    public const int UsageError = 2;

    private const string Usage = """
        usage:
          kalm-shield analyze [--text] [--lang nl|nl-BE|en]   JSON Lines {"id","text"} on stdin -> results on stdout
          kalm-shield passthrough [--text]                    same input and output shape, without analysing
          kalm-shield eval --data FILE [--format jsonl|hatecheck] [--json] [--errors]
        """;

    /// <summary>Runs one command and returns the process exit code.</summary>
    public static int Run(IReadOnlyList<string> args, Stream stdin, Stream stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count == 0)
        {
            return Fail(stderr, "no command given");
        }

        var options = CommandLine.Parse(args.Skip(1));
        if (options.Error is not null)
        {
            return Fail(stderr, options.Error);
        }

        return args[0] switch
        {
            "analyze" => RunAnalyze(options, stdin, stdout, stderr, analyse: true),
            "passthrough" => RunAnalyze(options, stdin, stdout, stderr, analyse: false),
            "eval" => EvalCommand.Run(options, stdout, stderr),
            "help" or "--help" or "-h" => Help(stderr),
            _ => Fail(stderr, $"unknown command \"{args[0]}\""),
        };
    }

    internal static int Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine($"kalm-shield: {message}");
        stderr.WriteLine(Usage);
        return UsageError;
    }

    private static int Help(TextWriter stderr)
    {
        stderr.WriteLine(Usage);
        return Success;
    }

    private static int RunAnalyze(CommandLine options, Stream stdin, Stream stdout, TextWriter stderr, bool analyse)
    {
        if (options.Unexpected(["text", "lang"]) is { } unexpected)
        {
            return Fail(stderr, $"unknown option --{unexpected}");
        }

        // Building the lexicon takes a good part of a short run: do it while the first lines are read.
        var analyzer = analyse ? Task.Run<IMessageAnalyzer>(() => new ShieldAnalyzer()) : null;
        new AnalyzeCommand(analyzer, options.Has("text"), options.Value("lang")).Run(stdin, stdout);
        return Success;
    }
}

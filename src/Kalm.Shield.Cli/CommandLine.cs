namespace Kalm.Shield.Cli;

/// <summary>Options of the form <c>--name value</c> or bare flags <c>--name</c>.</summary>
internal sealed class CommandLine
{
    private static readonly HashSet<string> Flags = ["text", "json", "errors"];

    private readonly Dictionary<string, string?> _options = [];

    public string? Error { get; private set; }

    public static CommandLine Parse(IEnumerable<string> args)
    {
        var parsed = new CommandLine();
        using var e = args.GetEnumerator();
        while (parsed.Error is null && e.MoveNext())
        {
            var arg = e.Current;
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                parsed.Error = $"unexpected argument \"{arg}\"";
                break;
            }

            var name = arg[2..];
            if (Flags.Contains(name))
            {
                parsed._options[name] = null;
            }
            else if (e.MoveNext() && !e.Current.StartsWith("--", StringComparison.Ordinal))
            {
                parsed._options[name] = e.Current;
            }
            else
            {
                parsed.Error = $"option --{name} needs a value";
            }
        }

        return parsed;
    }

    public bool Has(string name) => _options.ContainsKey(name);

    public string? Value(string name) => _options.GetValueOrDefault(name);

    public string? Unexpected(IReadOnlyCollection<string> allowed) => _options.Keys.FirstOrDefault(k => !allowed.Contains(k));
}

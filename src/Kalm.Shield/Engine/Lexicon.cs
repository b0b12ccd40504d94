using System.Collections.Frozen;
using System.Globalization;

namespace Kalm.Shield.Engine;

/// <summary>How a lexicon term behaves beyond an exact token match.</summary>
[Flags]
internal enum TermFlags
{
    None = 0,

    /// <summary>Also matches as the first part of a compound: kanker → kankerlijer, kankerbedrijf.</summary>
    Prefix = 1,

    /// <summary>A disease name: a curse unless the context is medical ("mijn moeder heeft kanker").</summary>
    Disease = 2,

    /// <summary>Only fires when the caller hinted this term's language (the word means something harmless elsewhere).</summary>
    Strict = 4,
}

/// <summary>One lexicon term after expansion.</summary>
internal sealed record Term(
    string Name,
    Category Category,
    Severity BaseSeverity,
    Severity TargetedSeverity,
    TermFlags Flags,
    string Language);

/// <summary>A set of lower-case words that can be probed with a span without allocating.</summary>
internal sealed class WordSet
{
    private readonly FrozenSet<string> _set;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public WordSet(IEnumerable<string> words)
    {
        _set = words.ToFrozenSet(StringComparer.Ordinal);
        _lookup = _set.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public static WordSet Empty { get; } = new([]);

    public int Count => _set.Count;

    public IEnumerable<string> Members => _set;

    public bool Contains(ReadOnlySpan<char> word) => _lookup.Contains(word);
}

/// <summary>Parsed lexicon sources before they are frozen into a <see cref="CompiledLexicon"/>.</summary>
internal sealed class LexiconBuilder
{
    public Dictionary<string, Term> Terms { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, HashSet<string>> Classes { get; } = new(StringComparer.Ordinal);

    public HashSet<string> SafeWords { get; } = new(StringComparer.Ordinal);

    /// <summary>Classes whose words also match common typos (declared as <c>@name~:</c>).</summary>
    public HashSet<string> FuzzyClasses { get; } = new(StringComparer.Ordinal);

    public HashSet<string> SafePrefixes { get; } = new(StringComparer.Ordinal);

    public HashSet<string> SafeSuffixes { get; } = new(StringComparer.Ordinal);

    public List<(string Language, string Line, string Source, int LineNumber)> PhraseLines { get; } = [];

    /// <summary>Parses one lexicon text. See docs/shield.md for the format.</summary>
    public void Add(string text, string source, string language)
    {
        using var reader = new StringReader(text);
        var lineNumber = 0;
        while (reader.ReadLine() is { } raw)
        {
            lineNumber++;
            var line = StripComment(raw).Trim();
            if (line.Length == 0)
            {
                continue;
            }

            try
            {
                ParseLine(line, source, language, lineNumber);
            }
            catch (FormatException e)
            {
                throw new FormatException($"{source}:{lineNumber}: {e.Message}", e);
            }
        }
    }

    private static string StripComment(string line)
    {
        var hash = line.IndexOf(" #", StringComparison.Ordinal);
        return line.StartsWith('#') ? string.Empty : hash >= 0 ? line[..hash] : line;
    }

    private void ParseLine(string line, string source, string language, int lineNumber)
    {
        if (line.StartsWith('>'))
        {
            PhraseLines.Add((language, line[1..].Trim(), source, lineNumber));
            return;
        }

        if (line.StartsWith('@') || line.StartsWith('!'))
        {
            var colon = line.IndexOf(':');
            if (colon < 0)
            {
                throw new FormatException("a class or safe list needs 'name: words'");
            }

            var name = line[..colon].Trim();
            if (name.StartsWith('@') && name.EndsWith('~'))
            {
                name = name[..^1];
                FuzzyClasses.Add(name[1..]);
            }

            var words = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .SelectMany(Expand).Select(NormalizeWord);
            var target = name switch
            {
                "!safe" => SafeWords,
                "!safeprefix" => SafePrefixes,
                "!safesuffix" => SafeSuffixes,
                _ when name.StartsWith('@') => GetClass(name[1..]),
                _ => throw new FormatException($"unknown list '{name}'"),
            };
            target.UnionWith(words);
            return;
        }

        var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 3)
        {
            throw new FormatException("a term line needs 'terms category severity [flags]'");
        }

        var category = ParseCategory(fields[1]);
        var baseSeverity = ParseSeverity(fields[2]);
        var targeted = baseSeverity;
        var flags = TermFlags.None;
        foreach (var flag in fields.Skip(3))
        {
            if (flag.StartsWith("target=", StringComparison.Ordinal))
            {
                targeted = ParseSeverity(flag["target=".Length..]);
            }
            else
            {
                flags |= flag switch
                {
                    "prefix" => TermFlags.Prefix,
                    "disease" => TermFlags.Disease,
                    "strict" => TermFlags.Strict,
                    _ => throw new FormatException($"unknown flag '{flag}'"),
                };
            }
        }

        foreach (var word in Expand(fields[0]).Select(NormalizeWord))
        {
            Terms[word] = new Term(word, category, baseSeverity, targeted, flags, language);
        }
    }

    public HashSet<string> GetClass(string name)
    {
        if (!Classes.TryGetValue(name, out var set))
        {
            set = new HashSet<string>(StringComparer.Ordinal);
            Classes[name] = set;
        }

        return set;
    }

    /// <summary>Words in the lexicon go through the same folding as message text.</summary>
    public static string NormalizeWord(string word)
    {
        var chars = new char[word.Length];
        var length = 0;
        foreach (var c in word)
        {
            var folded = c == '_' ? ' ' : CharFolding.Fold(c);
            if (folded != CharFolding.Drop && folded != '\'')
            {
                chars[length++] = folded;
            }
        }

        return new string(chars, 0, length);
    }

    public static Category ParseCategory(string name) =>
        CategoryNames.TryParseCategory(name, out var category) ? category : throw new FormatException($"unknown category '{name}'");

    public static Severity ParseSeverity(string name) =>
        CategoryNames.TryParseSeverity(name, out var severity) ? severity : throw new FormatException($"unknown severity '{name}'");

    /// <summary>Expands <c>a|b</c> alternatives and <c>{x|y}</c> groups: <c>kut{wijf|ding}|klote</c> → kutwijf, kutding, klote.</summary>
    public static IEnumerable<string> Expand(string pattern)
    {
        var results = new List<string>();
        foreach (var alternative in SplitTopLevel(pattern))
        {
            ExpandGroups(alternative, results);
        }

        return results;
    }

    private static List<string> SplitTopLevel(string pattern)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < pattern.Length; i++)
        {
            switch (pattern[i])
            {
                case '{':
                    depth++;
                    break;
                case '}':
                    depth--;
                    break;
                case '|' when depth == 0:
                    parts.Add(pattern[start..i]);
                    start = i + 1;
                    break;
            }
        }

        parts.Add(pattern[start..]);
        return parts;
    }

    private static void ExpandGroups(string pattern, List<string> results)
    {
        var open = pattern.IndexOf('{');
        if (open < 0)
        {
            if (pattern.Length > 0)
            {
                results.Add(pattern);
            }

            return;
        }

        var depth = 0;
        var close = -1;
        for (var i = open; i < pattern.Length; i++)
        {
            depth += pattern[i] switch { '{' => 1, '}' => -1, _ => 0 };
            if (depth == 0)
            {
                close = i;
                break;
            }
        }

        if (close < 0)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"unbalanced braces in '{pattern}'"));
        }

        var head = pattern[..open];
        var tail = pattern[(close + 1)..];
        foreach (var option in SplitTopLevel(pattern[(open + 1)..close]))
        {
            ExpandGroups(head + option + tail, results);
        }
    }
}

namespace Kalm.Shield.Engine;

/// <summary>What a phrase rule does when it matches.</summary>
internal enum PhraseKind
{
    /// <summary>Reports a finding of the rule's category and severity.</summary>
    Finding,

    /// <summary>Marks the matched tokens as harmless: term findings inside are dropped ("de pest in hebben").</summary>
    Safe,

    /// <summary>Counter-speech or quotation: drops findings of the listed categories in its sentence and the one before.</summary>
    Counter,
}

internal enum ElementKind
{
    Words,
    TermCategory,
    AnyTerm,
    Gap,

    /// <summary><c>$</c>: the end of a clause (punctuation or the end of the message), consuming nothing.</summary>
    ClauseEnd,

    /// <summary>
    /// <c>$.</c>: the end of a sentence (a full stop, exclamation or question mark, a line break or the end of the
    /// message), consuming nothing; unlike <c>$</c> not a comma, so "let maar op, de doos is zwaar" is not a threat.
    /// </summary>
    SentenceEnd,

    /// <summary>
    /// <c>$?</c>: a question mark, consuming nothing; the next slot may start the next sentence
    /// ("Een moslim als buurman? Ik verhuis meteen").
    /// </summary>
    QuestionEnd,
}

/// <summary>One slot in a phrase pattern.</summary>
internal sealed class PatternElement
{
    public required ElementKind Kind { get; init; }

    /// <summary>
    /// The distinct single words the slot accepts. Only read while compiling (matching uses <see cref="WordIds"/>),
    /// so a plain array: building a hashed set per slot made up most of the start-up time.
    /// </summary>
    public string[] Words { get; init; } = [];

    /// <summary>The vocabulary ids of <see cref="Words"/>, sorted: a token is checked by its id, without hashing again.</summary>
    public int[] WordIds { get; set; } = [];

    public string[] Prefixes { get; init; } = [];

    /// <summary>Multi-word alternatives (written with underscores: <c>het_land_uit</c>), matched token by token.</summary>
    public string[][] Sequences { get; init; } = [];

    public Category TermCategory { get; init; }

    public bool Optional { get; init; }

    /// <summary>For gaps: the largest number of tokens skipped.</summary>
    public int MaxGap { get; init; }

    /// <summary>For gaps: whether the gap may run past the end of a sentence.</summary>
    public bool CrossesSentences { get; init; }

    public string Source { get; init; } = string.Empty;
}

/// <summary>A token pattern with bounded gaps, tried only where its first slot matches.</summary>
internal sealed class PhraseRule
{
    public required string Name { get; init; }

    /// <summary>Position in the compiled rule list, used for the per-message prefilter.</summary>
    public int Id { get; set; }

    /// <summary>The most tokens a match can span; a key further than this from an anchor cannot help it.</summary>
    public int MaxSpan { get; set; }

    /// <summary>
    /// The key slot of the rule's most selective required slot after the first, or -1: the rule is
    /// tried only when a word of each of its key slots occurs within its reach.
    /// </summary>
    public int Key0 { get; set; } = -1;

    /// <summary>The key slot of the second most selective slot, or -1.</summary>
    public int Key1 { get; set; } = -1;

    public required PhraseKind Kind { get; init; }

    /// <summary>For <see cref="PhraseKind.Finding"/>: the categories reported ("discrimination,threat" reports both).</summary>
    public Category[] Categories { get; init; } = [];

    public Severity Severity { get; init; }

    /// <summary>For <see cref="PhraseKind.Counter"/>: the categories it cancels, one bit per <see cref="Category"/> value.</summary>
    public int CancelMask { get; init; }

    /// <summary>
    /// For <see cref="PhraseKind.Finding"/> (flag <c>supersedes=cat,cat</c>): the categories of findings wholly
    /// inside this rule's match that it replaces, one bit per <see cref="Category"/> value.
    /// </summary>
    public int SupersedeMask { get; init; }

    public required PatternElement[] Elements { get; init; }

    public required string Language { get; init; }

    public bool Strict { get; init; }

    /// <summary>The pattern started with <c>^</c>: its first token must start a sentence.</summary>
    public bool AtSentenceStart { get; init; }

    /// <summary>
    /// An insult-only finding rule whose first slot accepts a second-person word ("@you bent ~3 @domattr"): it
    /// aims the insult at the reader through that word, so it does not fire where the word is a possessive
    /// ("die bezorger van jullie is een sukkel" insults the courier). Only insult rules: a threat naming
    /// "van jou" must never be lost.
    /// </summary>
    public bool InsultsOpeningAddressee { get; set; }

    /// <summary>
    /// Parses <c>category severity name: pattern</c>, <c>safe - name: pattern</c> or
    /// <c>counter cat1,cat2 name: pattern</c>.
    /// </summary>
    /// <param name="line">The rule line without its leading <c>&gt;</c>.</param>
    /// <param name="language">The language of the lexicon the line comes from.</param>
    /// <param name="classes">The word classes, complete (typo variants included).</param>
    /// <param name="slots">
    /// Word slots already expanded, by their text: hundreds of rules name the same large class
    /// (<c>@groep</c> with its typo variants holds thousands of words), and expanding it once keeps start-up short.
    /// </param>
    public static PhraseRule Parse(string line, string language, IReadOnlyDictionary<string, HashSet<string>> classes, Dictionary<string, PatternElement> slots)
    {
        var colon = line.IndexOf(':');
        if (colon < 0)
        {
            throw new FormatException("a phrase rule needs 'category severity name: pattern'");
        }

        var head = line[..colon].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (head.Length is < 3 or > 5)
        {
            throw new FormatException("a phrase rule needs 'category severity name [strict] [supersedes=cat,cat]: pattern'");
        }

        var pattern = line[(colon + 1)..].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var atSentenceStart = pattern.Length > 0 && pattern[0] == "^";
        var elements = pattern.Skip(atSentenceStart ? 1 : 0).Select(token => ParseElement(token, classes, slots)).ToArray();
        if (elements.Length == 0 || elements[0].Optional || elements[0].Kind is ElementKind.Gap or ElementKind.ClauseEnd or ElementKind.SentenceEnd or ElementKind.QuestionEnd)
        {
            throw new FormatException("a phrase pattern must start with a required word, class or term slot");
        }

        if (elements[^1].Kind is ElementKind.Gap or ElementKind.QuestionEnd)
        {
            throw new FormatException("a phrase pattern cannot end with a gap or '$?'");
        }

        var strict = false;
        var supersedeMask = 0;
        foreach (var flag in head.Skip(3))
        {
            if (flag == "strict")
            {
                strict = true;
            }
            else if (flag.StartsWith(SupersedesFlag, StringComparison.Ordinal) && head[0] is not ("safe" or "counter"))
            {
                supersedeMask = CategoryMask(flag[SupersedesFlag.Length..]);
            }
            else
            {
                throw new FormatException($"unknown rule flag '{flag}'");
            }
        }

        return head[0] switch
        {
            "safe" => new PhraseRule { Name = head[2], Kind = PhraseKind.Safe, Elements = elements, Language = language, Strict = strict, AtSentenceStart = atSentenceStart },
            "counter" => new PhraseRule
            {
                Name = head[2],
                Kind = PhraseKind.Counter,
                CancelMask = CategoryMask(head[1]),
                Elements = elements,
                Language = language,
                Strict = strict,
                AtSentenceStart = atSentenceStart,
            },
            _ => new PhraseRule
            {
                Name = head[2],
                Kind = PhraseKind.Finding,
                Categories = head[0].Split(',').Select(LexiconBuilder.ParseCategory).ToArray(),
                Severity = LexiconBuilder.ParseSeverity(head[1]),
                SupersedeMask = supersedeMask,
                Elements = elements,
                Language = language,
                Strict = strict,
                AtSentenceStart = atSentenceStart,
            },
        };
    }

    private const string SupersedesFlag = "supersedes=";

    private static int CategoryMask(string categories) =>
        categories.Split(',').Select(LexiconBuilder.ParseCategory).Aggregate(0, (mask, category) => mask | (1 << (int)category));

    private static PatternElement ParseElement(string token, IReadOnlyDictionary<string, HashSet<string>> classes, Dictionary<string, PatternElement> slots)
    {
        if (token.StartsWith('~'))
        {
            var crosses = token.StartsWith("~~", StringComparison.Ordinal);
            var digits = token.TrimStart('~');
            return int.TryParse(digits, out var max) && max is > 0 and <= 8
                ? new PatternElement { Kind = ElementKind.Gap, MaxGap = max, CrossesSentences = crosses, Source = token }
                : throw new FormatException($"a gap is ~1..~8, not '{token}'");
        }

        if (token == "$")
        {
            return new PatternElement { Kind = ElementKind.ClauseEnd, Source = token };
        }

        if (token == "$.")
        {
            return new PatternElement { Kind = ElementKind.SentenceEnd, Source = token };
        }

        if (token == "$?")
        {
            return new PatternElement { Kind = ElementKind.QuestionEnd, Source = token };
        }

        if (token == "^")
        {
            throw new FormatException("'^' (sentence start) can only open a pattern");
        }

        var optional = token.EndsWith('?') && token.Length > 1;
        var body = optional ? token[..^1] : token;
        if (body.StartsWith('%'))
        {
            var name = body[1..];
            return name == "any"
                ? new PatternElement { Kind = ElementKind.AnyTerm, Optional = optional, Source = token }
                : new PatternElement { Kind = ElementKind.TermCategory, TermCategory = LexiconBuilder.ParseCategory(name), Optional = optional, Source = token };
        }

        if (!slots.TryGetValue(body, out var shared))
        {
            shared = ParseWords(body, classes);
            slots[body] = shared;
        }

        return new PatternElement
        {
            Kind = ElementKind.Words,
            Words = shared.Words,
            Prefixes = shared.Prefixes,
            Sequences = shared.Sequences,
            Optional = optional,
            Source = token,
        };
    }

    private static PatternElement ParseWords(string body, IReadOnlyDictionary<string, HashSet<string>> classes)
    {
        // Alternatives may mix words and classes: "@you|jullie|je".
        var words = new List<string>();
        foreach (var alternative in LexiconBuilder.Expand(body))
        {
            if (alternative.StartsWith('@'))
            {
                words.AddRange(classes.TryGetValue(alternative[1..], out var members)
                    ? members
                    : throw new FormatException($"unknown class '{alternative}'"));
            }
            else
            {
                words.Add(LexiconBuilder.NormalizeWord(alternative));
            }
        }

        return new PatternElement
        {
            Kind = ElementKind.Words,
            Words = words.Where(w => !w.EndsWith('*') && !w.Contains(' ', StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).ToArray(),
            Prefixes = words.Where(w => w.EndsWith('*')).Select(w => w[..^1]).ToArray(),
            Sequences = words.Where(w => w.Contains(' ', StringComparison.Ordinal))
                .Select(w => w.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray(),
            Source = body,
        };
    }
}

/// <summary>
/// Rules tried together at one token, with their key filters copied into one array: most rules are
/// ruled out by their keys alone, and reading those from a contiguous array instead of from each
/// rule object keeps the scan of a common anchor ("ik" starts about 70 rules) in cache.
/// </summary>
internal sealed class RuleList
{
    public RuleList(PhraseRule[] rules)
    {
        Rules = rules;
        Filters = Array.ConvertAll(rules, rule => new RuleFilter(rule.Key0, rule.Key1, rule.MaxSpan));
    }

    public PhraseRule[] Rules { get; }

    public RuleFilter[] Filters { get; }

    public int Count => Rules.Length;
}

/// <summary>A rule's key slots and reach (see <see cref="PhraseRule.Key0"/>), for the per-token prefilter.</summary>
internal readonly record struct RuleFilter(int Key0, int Key1, int MaxSpan);


using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using Kalm.Shield.Engine;

namespace Kalm.Shield;

/// <summary>
/// The Shield detector: lexicon terms and phrase rules over a normalised token stream that sees
/// through leetspeak, spacing, stretched letters, zero-width characters and look-alike letters.
/// Immutable after construction and safe to share between threads.
/// </summary>
public sealed class ShieldAnalyzer : IMessageAnalyzer
{
    private const string MaskText = "[…]";

    /// <summary>🖕 and 🤬: swearing without words.</summary>
    private const int MiddleFinger = 0x1F595;
    private const int SwearingFace = 0x1F92C;

    private static readonly Lazy<CompiledLexicon> BuiltIn = new(() => Compile(new ShieldOptions()));
    private static readonly IReadOnlyList<Span> NoSpans = [];
    private static readonly IReadOnlyList<Category> NoCategories = [];

    private readonly CompiledLexicon _lexicon;
    private readonly ShieldOptions _options;

    /// <summary>Creates an analyzer with the built-in lexicons (compiled once per process and shared).</summary>
    public ShieldAnalyzer()
    {
        _options = new ShieldOptions();
        _lexicon = BuiltIn.Value;
    }

    /// <summary>Creates an analyzer with the built-in lexicons and/or organisation-specific ones.</summary>
    /// <exception cref="FormatException">A lexicon text is malformed; the message names the line.</exception>
    public ShieldAnalyzer(ShieldOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = new ShieldOptions { IncludeBuiltInLexicons = options.IncludeBuiltInLexicons };
        foreach (var lexicon in options.AdditionalLexicons)
        {
            _options.AdditionalLexicons.Add(lexicon);
        }

        _lexicon = _options.IncludeBuiltInLexicons && _options.AdditionalLexicons.Count == 0 ? BuiltIn.Value : Compile(_options);
    }

    /// <summary>The number of distinct lexicon terms after expansion, for diagnostics.</summary>
    public int TermCount => _lexicon.TermCount;

    /// <summary>The number of phrase rules, for diagnostics.</summary>
    public int RuleCount => _lexicon.RuleCount;

    /// <summary>
    /// Returns a new analyzer that also knows the terms and rules in <paramref name="lexiconText"/>
    /// (lexicon file format). This analyzer is left unchanged, so callers can swap instances atomically.
    /// </summary>
    /// <exception cref="FormatException">The lexicon text is malformed; the message names the line.</exception>
    public ShieldAnalyzer WithLexicon(string lexiconText)
    {
        ArgumentNullException.ThrowIfNull(lexiconText);
        var options = new ShieldOptions { IncludeBuiltInLexicons = _options.IncludeBuiltInLexicons };
        foreach (var lexicon in _options.AdditionalLexicons)
        {
            options.AdditionalLexicons.Add(lexicon);
        }

        options.AdditionalLexicons.Add(lexiconText);
        return new ShieldAnalyzer(options);
    }

    /// <summary>Returns a new analyzer that also reports <paramref name="term"/> (one word) with the given category and severity.</summary>
    public ShieldAnalyzer WithTerm(string term, Category category, Severity severity)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(term);
        if (term.AsSpan().IndexOfAny(" \t\r\n#|{}") >= 0)
        {
            throw new ArgumentException("A custom term is one word without lexicon syntax characters.", nameof(term));
        }

        return WithLexicon($"{term} {category.ToName()} {severity.ToName()}");
    }

    /// <inheritdoc />
    public Analysis Analyze(string text, string? languageHint = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return Empty(text);
        }

        var scratch = Scratch.Current;
        scratch.Reset();
        var length = Normalize(text, scratch);
        scratch.TextLength = length;
        var tokenCount = Tokenize(text, scratch, length);
        if (tokenCount > 0)
        {
            var matcher = new Matcher(_lexicon, scratch, text, tokenCount, languageHint);
            matcher.Run();
        }

        var result = scratch.Findings.Count == 0 ? Empty(text) : BuildResult(text, scratch);
        scratch.TrimAfterLargeMessage();
        return result;
    }

    private static Analysis Empty(string text) =>
        new() { Severity = Severity.None, Categories = NoCategories, Spans = NoSpans, Masked = text, Score = 0 };

    private static CompiledLexicon Compile(ShieldOptions options)
    {
        var builder = new LexiconBuilder();
        if (options.IncludeBuiltInLexicons)
        {
            var assembly = typeof(ShieldAnalyzer).Assembly;
            foreach (var (file, language) in new[] { ("common", "*"), ("nl", "nl"), ("nl-BE", "nl-BE"), ("en", "en") })
            {
                builder.Add(ReadResource(assembly, $"Kalm.Shield.Lexicons.{file}.txt"), file + ".txt", language);
            }
        }

        for (var i = 0; i < options.AdditionalLexicons.Count; i++)
        {
            builder.Add(options.AdditionalLexicons[i], $"custom lexicon {i + 1}", "*");
        }

        return new CompiledLexicon(builder);
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The built-in lexicon {name} is missing from the assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// One pass over the text: fold every character, drop invisible ones and apostrophes inside
    /// words, and remember for each kept character where it came from.
    /// </summary>
    private static int Normalize(string text, Scratch scratch)
    {
        scratch.EnsureText(text.Length);
        var buffer = scratch.Text;
        var map = scratch.Map;
        var length = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            char folded;
            var origin = i;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                var codePoint = char.ConvertToUtf32(c, text[i + 1]);
                folded = CharFolding.FoldSupplementary(codePoint);
                if (codePoint is MiddleFinger or SwearingFace)
                {
                    scratch.Findings.Add(new Finding { Start = i, End = i + 2, Category = Category.Profanity, Severity = Severity.Rude, Rule = "swearing-emoji" });
                }

                i++;
            }
            else
            {
                folded = CharFolding.Fold(c);
            }

            if (folded == CharFolding.Drop)
            {
                continue;
            }

            // "don't", "homo's", "zo'n": the apostrophe joins, it does not split.
            if (folded == '\'' && length > 0 && char.IsLetter(buffer[length - 1]) && i + 1 < text.Length && char.IsLetter(text[i + 1]))
            {
                continue;
            }

            buffer[length] = folded;
            map[length] = origin;
            length++;
        }

        return length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || (c > 0x7F && char.IsLetterOrDigit(c));

    /// <summary>Characters that stand for letters inside a word: k@nker, $hit, sh!t, f*ck.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsInnerSymbol(char c) => c is '@' or '$' or '!' or '|' or '€' or '+' or '*' or '#';

    private static int Tokenize(string original, Scratch scratch, int length)
    {
        var text = scratch.Text;
        var count = 0;
        var breakPending = true;
        var pausePending = true;
        var questionPending = false;
        var sentenceEndPending = false;
        var i = 0;
        while (i < length)
        {
            var c = text[i];
            var startsWord = IsWordChar(c) || StartsLeetWord(text, i, length);
            if (!startsWord && IsCensorSymbol(c))
            {
                var runStart = i;
                i = ScanSymbolRun(original, scratch, i, length);
                RecordStarRun(scratch, runStart, i, length, pausePending);
                breakPending = true;
                pausePending = true;
                var run = text.AsSpan(runStart, i - runStart);
                questionPending |= run.Contains('?');
                sentenceEndPending |= run.IndexOfAny('!', '?') >= 0;
                continue;
            }

            if (!startsWord)
            {
                // A quotation mark ends a clause: a pattern never runs from quoted words into the writer's own.
                if (c is '.' or '!' or '?' or ';' or ':' or '\n' or '\r' or '"' or '\'' or '“' or '”' or '„' or '«' or '»')
                {
                    breakPending = true;
                    pausePending = true;
                    sentenceEndPending |= c is '.' or '!' or '?' or '\n' or '\r';
                }
                else if (c is ',' or '-' or '–' or '—' or '(' or ')')
                {
                    pausePending = true;
                }

                i++;
                continue;
            }

            var start = i;
            var hasLetter = char.IsAsciiLetter(c) || char.IsLetter(c);
            var hasLeet = !hasLetter;
            var censored = false;
            i++;
            while (i < length)
            {
                c = text[i];
                if (char.IsAsciiLetter(c))
                {
                    hasLetter = true;
                    i++;
                }
                else if (IsWordChar(c))
                {
                    var isLetter = char.IsLetter(c);
                    hasLetter |= isLetter;
                    hasLeet |= !isLetter;
                    i++;
                }
                else if (IsInnerSymbol(c) && i + 1 < length
                    && (IsWordChar(text[i + 1]) || (IsInnerSymbol(text[i + 1]) && i + 2 < length && IsWordChar(text[i + 2]))
                        || (c is '*' or '#' && text[i + 1] is '*' or '#')))
                {
                    censored |= c is '*' or '#';
                    hasLeet = true;
                    i++;
                }
                else if (c is '*' or '#' && hasLetter && i - start <= 2)
                {
                    // Trailing stars after one or two letters: "f***", "k**".
                    censored = true;
                    i++;
                }
                else
                {
                    break;
                }
            }

            scratch.EnsureTokens(count + 1);
            scratch.Tokens[count++] = new Token
            {
                Start = start,
                End = i,
                BreakBefore = breakPending,
                PauseBefore = pausePending,
                QuestionBefore = questionPending,
                SentenceEndBefore = sentenceEndPending,
                Censored = censored,
            };
            breakPending = false;
            pausePending = false;
            questionPending = false;
            sentenceEndPending = false;
            if (hasLetter && hasLeet)
            {
                Leetify(text.AsSpan(start, i - start));
            }
        }

        return count;
    }

    /// <summary>Reads digits and symbols inside a word as the letters they imitate: k4nk3r, 1d1oot, $h!t.</summary>
    private static void Leetify(Span<char> word)
    {
        for (var i = 0; i < word.Length; i++)
        {
            word[i] = word[i] switch
            {
                '0' => 'o',
                '1' or '!' or '|' => 'i',
                '3' or '€' => 'e',
                '4' or '@' => 'a',
                '5' or '$' => 's',
                '7' or '+' => 't',
                '8' => 'b',
                '9' => 'g',
                var other => other,
            };
        }
    }

    /// <summary>
    /// A run of symbols between words: censored swearing (&amp;*@#, %$#@!) when it mixes at least two
    /// censoring symbols, shouting when it holds three or more ! or ? in a row. Returns the index
    /// after the run.
    /// </summary>
    private static int ScanSymbolRun(string original, Scratch scratch, int start, int length)
    {
        var text = scratch.Text;
        var strongMask = 0;
        var rowStart = -1;
        var i = start;
        for (; i < length && IsCensorSymbol(text[i]) && !StartsLeetWord(text, i, length); i++)
        {
            var c = text[i];
            if (c is '!' or '?')
            {
                rowStart = rowStart < 0 ? i : rowStart;
                continue;
            }

            AddPunctuationRow(original, scratch, rowStart, i);
            rowStart = -1;
            strongMask |= 1 << "&*@#%$^~".IndexOf(c, StringComparison.Ordinal);
        }

        // "!!!111": digits after a row of exclamation marks still shout.
        var rowEnd = i;
        while (rowStart >= 0 && rowEnd < length && text[rowEnd] == '1')
        {
            rowEnd++;
        }

        AddPunctuationRow(original, scratch, rowStart, rowEnd);
        if (i - start >= 3 && int.PopCount(strongMask) >= 2)
        {
            AddFinding(scratch, original, start, i - 1, Category.Profanity, Severity.Rude, "censored-symbols");
        }

        return rowEnd;
    }

    /// <summary>
    /// Keeps a run of three to eight asterisks that stands alone as a word (whitespace or the message edge before,
    /// whitespace, punctuation or the edge after) for the matcher, which counts it as censored swearing only in a
    /// word slot ("*** jullie", "wat een ***"): on its own it is as often a separator line, emphasis or a rating.
    /// </summary>
    private static void RecordStarRun(Scratch scratch, int start, int end, int length, bool opensClause)
    {
        var text = scratch.Text;

        // "Je bent een ***!": the run may end in the sentence's own ! or ?.
        var stars = text.AsSpan(start, end - start).IndexOfAnyExcept('*');
        stars = stars < 0 ? end - start : stars;
        if (stars is < 3 or > 8 || text.AsSpan(start + stars, end - start - stars).ContainsAnyExcept('!', '?')
            || (start > 0 && !char.IsWhiteSpace(text[start - 1])) || (end < length && IsWordChar(text[end])))
        {
            return;
        }

        var next = end;
        while (next < length && text[next] is ' ' or '\t')
        {
            next++;
        }

        var closesClause = start + stars < end || next == length || !(IsWordChar(text[next]) || StartsLeetWord(text, next, length));
        scratch.StarRuns.Add((start, start + stars - 1, opensClause, closesClause));
    }

    private static void AddPunctuationRow(string original, Scratch scratch, int rowStart, int rowEnd)
    {
        if (rowStart >= 0 && rowEnd - rowStart >= 3)
        {
            AddFinding(scratch, original, rowStart, rowEnd - 1, Category.Shouting, Severity.Tone, "punctuation-row");
        }
    }

    /// <summary>"$hit", "@sshole": a symbol standing for the first letter of a word.</summary>
    private static bool StartsLeetWord(char[] text, int i, int length) =>
        text[i] is '@' or '$' && i + 1 < length && char.IsAsciiLetter(text[i + 1]);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsCensorSymbol(char c) => c is '&' or '*' or '@' or '#' or '%' or '$' or '^' or '~' or '!' or '?';

    /// <summary>Rows of three or more exclamation or question marks are shouting.</summary>
    private static void FindPunctuationRows(string original, Scratch scratch, int length)
    {
        var text = scratch.Text;
        var i = 0;
        while (i < length)
        {
            if (text[i] is not ('!' or '?'))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < length && text[i] is '!' or '?' or '1')
            {
                i++;
            }

            if (i - start >= 3)
            {
                AddFinding(scratch, original, start, i - 1, Category.Shouting, Severity.Tone, "punctuation-row");
            }
        }
    }

    internal static void AddFinding(Scratch scratch, string original, int normFirst, int normLast, Category category, Severity severity, string rule, int supersedeMask = 0)
    {
        var start = scratch.Map[normFirst];
        var lastOrigin = scratch.Map[normLast];
        var end = lastOrigin + (char.IsHighSurrogate(original[lastOrigin]) && lastOrigin + 1 < original.Length ? 2 : 1);
        scratch.Findings.Add(new Finding
        {
            Start = start,
            End = end,
            Category = category,
            Severity = severity,
            Rule = rule,
            SupersedeMask = supersedeMask,
        });
    }

    private static Analysis BuildResult(string text, Scratch scratch)
    {
        var findings = scratch.Findings;
        findings.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.End.CompareTo(a.End));

        // Merge overlapping or touching findings of one category: one span per stretch of text and reason.
        var spans = new List<Span>(findings.Count);
        var severity = Severity.None;
        var categoryMask = 0;
        var abusiveCount = 0;
        for (var i = 0; i < findings.Count; i++)
        {
            var finding = findings[i];
            if (finding.Category == (Category)(-1))
            {
                continue;
            }

            for (var j = i + 1; j < findings.Count && findings[j].Start <= finding.End; j++)
            {
                var other = findings[j];
                if (other.Category == finding.Category)
                {
                    finding.End = Math.Max(finding.End, other.End);
                    if (other.Severity > finding.Severity)
                    {
                        finding.Severity = other.Severity;
                        finding.Rule = other.Rule;
                    }

                    other.Category = (Category)(-1);
                    findings[j] = other;
                }
            }

            spans.Add(new Span(finding.Start, finding.End - finding.Start, finding.Category, finding.Rule));
            categoryMask |= 1 << (int)finding.Category;
            if (finding.Category is not (Category.SelfHarm or Category.Compliment))
            {
                var findingSeverity = finding.Category == Category.Shouting ? Severity.Tone : finding.Severity;
                severity = findingSeverity > severity ? findingSeverity : severity;
                abusiveCount += findingSeverity >= Severity.Abusive ? 1 : 0;
            }
        }

        var categories = new List<Category>(int.PopCount(categoryMask));
        // Indexed, not foreach: enumerating the IReadOnlyList would box an enumerator per message.
        var all = CategoryNames.All;
        for (var c = 0; c < all.Count; c++)
        {
            if ((categoryMask & (1 << (int)all[c])) != 0)
            {
                categories.Add(all[c]);
            }
        }

        return new Analysis
        {
            Severity = severity,
            Categories = categories,
            Spans = spans,
            Masked = Mask(text, spans),
            Score = Score(severity, abusiveCount),
        };
    }

    private static double Score(Severity severity, int abusiveCount)
    {
        var baseScore = severity switch
        {
            Severity.Tone => 0.3,
            Severity.Rude => 0.55,
            Severity.Abusive => 0.8,
            Severity.Threat => 0.95,
            _ => 0.0,
        };
        return severity >= Severity.Abusive ? Math.Min(1.0, baseScore + (0.03 * (abusiveCount - 1))) : baseScore;
    }

    /// <summary>Categories whose wording is hidden from the agent; shouting, welfare and praise stay visible.</summary>
    internal static bool IsMasked(Category category) =>
        category is Category.Profanity or Category.Insult or Category.DiseaseCurse or Category.Threat
            or Category.Intimidation or Category.SexualHarassment or Category.Discrimination;

    private static string Mask(string text, List<Span> spans)
    {
        StringBuilder? builder = null;
        var position = 0;
        foreach (var span in spans)
        {
            if (!IsMasked(span.Category))
            {
                continue;
            }

            var end = span.Start + span.Length;
            if (end <= position)
            {
                continue;
            }

            builder ??= new StringBuilder(text.Length);
            if (span.Start >= position)
            {
                builder.Append(text, position, span.Start - position).Append(MaskText);
            }

            position = end;
        }

        return builder is null ? text : builder.Append(text, position, text.Length - position).ToString();
    }
}

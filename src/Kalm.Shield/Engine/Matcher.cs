using System.Buffers;
using System.Text;

namespace Kalm.Shield.Engine;

/// <summary>
/// Matches one message's tokens against a compiled lexicon: terms first (exact, stretched,
/// compound, censored, spaced out), then phrase rules anchored at tokens, then context rules
/// (targeting, negation, medical context) decide which term matches become findings.
/// </summary>
internal readonly ref struct Matcher
{
    /// <summary>Shortest remainder after a curse prefix that makes a compound (kanker + lijer); "kankeren" is a verb, not a compound.</summary>
    private const int MinCompoundRest = 3;

    /// <summary>Shortest term matched with doubled or undoubled letters.</summary>
    private const int MinSqueezeLength = 6;

    /// <summary>Shortest and longest token tried for a missing space; longer runs are not sentences.</summary>
    private const int MinGluedLength = 5;

    private const int MaxGluedLength = 32;

    /// <summary>Most findings for which overlapping insults are folded into discrimination.</summary>
    private const int MaxFindingsToFold = 32;

    /// <summary>Fewest capital letters in a run that counts as shouting.</summary>
    private const int MinShoutingLetters = 8;

    private static readonly SearchValues<char> QuoteMarks = SearchValues.Create("\"'“”„«»");

    /// <summary>A–Z as search values: <c>IndexOfAnyInRange</c> allocates 96 bytes per call on .NET 10, these nothing.</summary>
    private static readonly SearchValues<char> Capitals = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZ");

    private readonly CompiledLexicon _lexicon;
    private readonly Scratch _scratch;
    private readonly string _original;
    private readonly int _tokenCount;
    private readonly string? _language;

    public Matcher(CompiledLexicon lexicon, Scratch scratch, string original, int tokenCount, string? languageHint)
    {
        _lexicon = lexicon;
        _scratch = scratch;
        _original = original;
        _tokenCount = SplitGluedWords(lexicon, scratch, JoinSpacedLetters(scratch, tokenCount));
        _language = string.IsNullOrWhiteSpace(languageHint) ? null : languageHint.Trim();
    }

    private Span<Token> Tokens => _scratch.Tokens.AsSpan(0, _tokenCount);

    private ReadOnlySpan<char> Word(int index)
    {
        var token = _scratch.Tokens[index];
        return _scratch.Text.AsSpan(token.Start, token.Length);
    }

    public void Run()
    {
        var tokens = Tokens;
        for (var i = 0; i < tokens.Length; i++)
        {
            var entry = (tokens[i].EntryKnown ? tokens[i].Entry : _lexicon.Lookup(Word(i))) ?? LookupStretched(Word(i));
            tokens[i].Entry = entry;
            tokens[i].Term = tokens[i].Censored ? MatchCensored(Word(i)) : MatchWord(Word(i), entry);
        }

        MatchPhrases();
        EmitTermFindings();
        ReadBareCensoring();
        ApplyCounterSpeech();
        DropQuotedFindings();
        DropContainedFindings();
        FindShouting();
    }

    private bool LanguageAllows(Term term) =>
        (term.Flags & TermFlags.Strict) == 0 || (_language is not null && SameLanguage(_language, term.Language));

    private static bool SameLanguage(string hint, string language) =>
        hint.Length >= 2 && language.Length >= 2 && hint.AsSpan(0, 2).Equals(language.AsSpan(0, 2), StringComparison.OrdinalIgnoreCase);

    private Term? MatchWord(ReadOnlySpan<char> word, WordEntry? entry)
    {
        if (word.Length < 2 || entry is { Safe: true })
        {
            return null;
        }

        var term = entry?.Term;
        if (term is null && HasStretch(word))
        {
            _scratch.EnsureJoin(word.Length);
            var squeezedLength = CompiledLexicon.Squeeze(word, _scratch.Join);
            var squeezed = _scratch.Join.AsSpan(0, squeezedLength);
            if (_lexicon.Lookup(squeezed) is not { Safe: true })
            {
                term = _lexicon.FindSqueezed(squeezed) ?? MatchCompound(squeezed);
            }
        }

        term ??= MatchCompound(word);

        // Doubled or undoubled letters ("klotzak", "kankker"): only for long terms, because short
        // ones collide with ordinary words (zaak → zak, kaak → kak).
        if (term is null && entry is null && word.Length >= MinSqueezeLength && _lexicon.MayBeSqueezedTerm(word))
        {
            _scratch.EnsureJoin(word.Length);
            var squeezedLength = CompiledLexicon.Squeeze(word, _scratch.Join);
            if (_lexicon.FindSqueezed(_scratch.Join.AsSpan(0, squeezedLength)) is { } near && near.Name.Length >= MinSqueezeLength)
            {
                term = near;
            }
        }

        return term is not null && LanguageAllows(term) ? term : null;
    }

    /// <summary>
    /// "haaat", "homooos": a stretched word is looked up with its runs cut to two letters, then to one,
    /// so rule words are found too, not only terms (which <see cref="MatchWord"/> squeezes itself).
    /// </summary>
    private WordEntry? LookupStretched(ReadOnlySpan<char> word)
    {
        if (word.Length < 4 || !HasStretch(word))
        {
            return null;
        }

        _scratch.EnsureJoin(word.Length);
        var destination = _scratch.Join.AsSpan();
        var length = 0;
        for (var i = 0; i < word.Length; i++)
        {
            if (i < 2 || word[i] != word[i - 1] || word[i] != word[i - 2])
            {
                destination[length++] = word[i];
            }
        }

        // Terms are left to MatchWord, which maps a squeezed word back to the term it stretches.
        if (_lexicon.Lookup(destination[..length]) is { Term: null } doubled)
        {
            return doubled;
        }

        length = CompiledLexicon.Squeeze(word, destination);
        return _lexicon.Lookup(destination[..length]) is { Term: null } single ? single : null;
    }

    /// <summary>Three or more of one letter in a row: someone stretched the word.</summary>
    private static bool HasStretch(ReadOnlySpan<char> word)
    {
        for (var i = 2; i < word.Length; i++)
        {
            if (word[i] == word[i - 1] && word[i] == word[i - 2])
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Dutch writes compounds as one word: kankerlijer, teringzooi, klotebedrijf.</summary>
    private Term? MatchCompound(ReadOnlySpan<char> word) => MatchCompound(_lexicon, word);

    private static Term? MatchCompound(CompiledLexicon lexicon, ReadOnlySpan<char> word)
    {
        if (word.Length < 2 + MinCompoundRest)
        {
            return null;
        }

        var first = word[0] - 'a';
        var second = word[1] - 'a';
        if ((uint)first >= 26 || (uint)second >= 26)
        {
            return null;
        }

        foreach (var term in lexicon.PrefixTermsByFirstLetters[(first * 26) + second])
        {
            if (word.Length - term.Name.Length < MinCompoundRest || !word.StartsWith(term.Name, StringComparison.Ordinal))
            {
                continue;
            }

            if (StartsWithSafePrefix(lexicon, word))
            {
                return null;
            }

            return StartsWithSafeSuffix(lexicon, word[term.Name.Length..]) ? null : term;
        }

        return null;
    }

    /// <summary>f*ck, sh*t, k*nker, f***: stars stand for letters of a lexicon term of the same length.</summary>
    private Term? MatchCensored(ReadOnlySpan<char> word)
    {
        var letters = 0;
        foreach (var c in word)
        {
            letters += c is '*' or '#' ? 0 : 1;
        }

        if (letters == 0)
        {
            return null;
        }

        Term? best = null;
        foreach (var term in _lexicon.CensorableTerms)
        {
            if (term.Name.Length > word.Length)
            {
                break;
            }

            if (term.Name.Length != word.Length || !LanguageAllows(term) || (best is not null && best.BaseSeverity >= term.BaseSeverity))
            {
                continue;
            }

            var fits = true;
            for (var i = 0; i < word.Length && fits; i++)
            {
                fits = word[i] is '*' or '#' || word[i] == term.Name[i];
            }

            if (fits && term.BaseSeverity > Severity.None)
            {
                best = term;
            }
        }

        return best ?? _lexicon.FindExact("*censored*");
    }

    /// <summary>
    /// t y f u s, f.u.c.k, k-a-n-k-e-r: three or more single letters with one or two separators
    /// between them become one token. The letters and their origins are moved together in the
    /// buffer, so the joined token still maps back to the original text.
    /// </summary>
    private static int JoinSpacedLetters(Scratch scratch, int tokenCount)
    {
        var tokens = scratch.Tokens;
        var text = scratch.Text;
        var map = scratch.Map;
        var write = 0;
        var i = 0;
        while (i < tokenCount)
        {
            var last = i;
            if (IsSingleLetter(text, tokens[i]))
            {
                while (last + 1 < tokenCount && IsSingleLetter(text, tokens[last + 1])
                    && tokens[last + 1].Start - tokens[last].End <= 2 && !HasLineBreak(text, tokens[last].End, tokens[last + 1].Start))
                {
                    last++;
                }
            }

            var token = tokens[i];
            if (last - i + 1 >= 3)
            {
                var position = token.Start;
                for (var k = i; k <= last; k++)
                {
                    text[position] = text[tokens[k].Start];
                    map[position] = map[tokens[k].Start];
                    position++;
                }

                token.End = position;
                tokens[write] = token;
            }
            else if (write != i)
            {
                // Copying a token costs write barriers (it holds references): only tokens that move are copied.
                tokens[write] = token;
            }

            write++;
            i = last + 1;
        }

        return write;
    }

    /// <summary>
    /// "Ikhaat", "vrouwenzijn", "jullieallemaalkankerlijers": a missing space glues a function or
    /// group word to its neighbours. An unknown token is split into two or three known words when
    /// every split touches a word of the join classes (<c>@joinclasses</c>). Only unknown tokens of
    /// bounded length are tried and the search stops at the first fit, so the cost per token is
    /// bounded by a few hundred dictionary probes in the worst case and a handful in practice.
    /// </summary>
    private static int SplitGluedWords(CompiledLexicon lexicon, Scratch scratch, int tokenCount)
    {
        if (lexicon.JoinWords.Count == 0)
        {
            return tokenCount;
        }

        var text = scratch.Text;
        Token[]? output = null;
        var count = 0;
        for (var i = 0; i < tokenCount; i++)
        {
            var token = scratch.Tokens[i];
            var first = 0;
            var second = 0;
            if (!token.Censored && token.Length >= MinGluedLength && token.Length <= MaxGluedLength)
            {
                // The lookup that rules out a split is kept for the term pass, which would repeat it.
                var word = text.AsSpan(token.Start, token.Length);
                token.Entry = lexicon.Lookup(word);
                token.EntryKnown = true;
                scratch.Tokens[i] = token;
                if (token.Entry is null && FindGluePoints(lexicon, word, out first, out second))
                {
                    // Its pieces are looked up on their own.
                    token.EntryKnown = false;
                }
            }

            if (first == 0)
            {
                if (output is not null)
                {
                    output[count++] = token;
                }

                continue;
            }

            // The second buffer is touched only once a split is found: most messages have none.
            if (output is null)
            {
                output = scratch.EnsureSplitTokens(i + ((tokenCount - i) * 3));
                scratch.Tokens.AsSpan(0, i).CopyTo(output);
                count = i;
            }

            output[count++] = token with { End = token.Start + first };
            var rest = token with { Start = token.Start + first, BreakBefore = false, PauseBefore = false, QuestionBefore = false, SentenceEndBefore = false };
            if (second > 0)
            {
                output[count++] = rest with { End = token.Start + second };
                rest = rest with { Start = token.Start + second };
            }

            output[count++] = rest;
        }

        if (output is null)
        {
            return tokenCount;
        }

        scratch.SwapSplitTokens();
        return count;
    }

    /// <summary>Split points (second is 0 for two pieces) that make every piece a known word.</summary>
    /// <remarks>Only for a word the lexicon does not know: the caller has looked it up.</remarks>
    private static bool FindGluePoints(CompiledLexicon lexicon, ReadOnlySpan<char> word, out int first, out int second)
    {
        // A safe prefix rules out any split, but comparing it costs more than the search for one,
        // which fails for almost every token: so it is checked only when a split fits.
        if (FindSplit(lexicon, word, out first, out second) && !StartsWithSafePrefix(lexicon, word))
        {
            return true;
        }

        first = second = 0;
        return false;
    }

    private static bool FindSplit(CompiledLexicon lexicon, ReadOnlySpan<char> word, out int first, out int second)
    {
        first = second = 0;

        // Both searches ask whether each prefix is a piece; the answers are kept from the first for the second.
        // Prefixes of three letters or more share the word's first three letters, which can rule them all out at once.
        Span<PieceKind> prefixes = stackalloc PieceKind[MaxGluedLength];
        var longPrefixes = lexicon.MayStartPiece(word);

        // Two pieces first: "ikhaat" must not become "i khaat"-style three-way guesses.
        for (var p = 1; p < word.Length - 1; p++)
        {
            var leftJoins = false;
            prefixes[p] = (p < 3 || longPrefixes) && IsPiece(lexicon, word[..p], out leftJoins)
                ? (leftJoins ? PieceKind.Joins : PieceKind.Word)
                : PieceKind.None;
            if (prefixes[p] != PieceKind.None && IsPiece(lexicon, word[p..], out var rightJoins, last: true)
                && (leftJoins || rightJoins) && !CutsDiseaseOffSafeSuffix(lexicon, word[..p], word[p..]))
            {
                first = p;
                return true;
            }
        }

        for (var p = 1; p < word.Length - 2; p++)
        {
            if (prefixes[p] == PieceKind.None)
            {
                continue;
            }

            var leftJoins = prefixes[p] == PieceKind.Joins;

            var rest = word[p..];
            var longMiddles = lexicon.MayStartPiece(rest);
            for (var q = 2; q < rest.Length - 1; q++)
            {
                var middleJoins = false;
                if ((q < 3 || longMiddles) && IsPiece(lexicon, rest[..q], out middleJoins) && (leftJoins || middleJoins)
                    && IsPiece(lexicon, rest[q..], out var rightJoins, last: true) && (middleJoins || rightJoins)
                    && !CutsDiseaseOffSafeSuffix(lexicon, word[..p], rest) && !CutsDiseaseOffSafeSuffix(lexicon, rest[..q], rest[q..]))
                {
                    first = p;
                    second = p + q;
                    return true;
                }
            }
        }

        return false;
    }

    private enum PieceKind : byte
    {
        None,
        Word,
        Joins,
    }

    /// <summary>
    /// A known, non-safe word: a join word ("i" only at the start, see the callers), or a rule word or term of at least three letters.
    /// A disease term is never split off the end: "vrouwenkanker" and "kinderkanker" are diseases.
    /// </summary>
    private static bool IsPiece(CompiledLexicon lexicon, ReadOnlySpan<char> piece, out bool joins, bool last = false)
    {
        var flags = lexicon.Piece(piece);
        joins = (flags & PieceFlags.Joins) != 0;
        if (joins)
        {
            return true;
        }

        if ((flags & PieceFlags.Word) == 0)
        {
            // The last piece may itself be a curse compound: "allemaal" + "kankerlijers".
            return last && piece.Length >= 2 + MinCompoundRest && MatchCompound(lexicon, piece) is not null;
        }

        return !last || (flags & PieceFlags.Disease) == 0;
    }

    /// <summary>
    /// "teringstraat", "kankeronderzoek": a disease word before a safe suffix (street, pain, research...)
    /// is one ordinary compound, as <see cref="MatchCompound(CompiledLexicon, ReadOnlySpan{char})"/> reads it,
    /// so a split must not cut the curse off it. Checked only once a split fits, which is rare.
    /// </summary>
    private static bool CutsDiseaseOffSafeSuffix(CompiledLexicon lexicon, ReadOnlySpan<char> piece, ReadOnlySpan<char> rest) =>
        (lexicon.Piece(piece) & PieceFlags.Disease) != 0 && StartsWithSafeSuffix(lexicon, rest);

    private static bool StartsWithSafeSuffix(CompiledLexicon lexicon, ReadOnlySpan<char> rest)
    {
        foreach (var safeSuffix in lexicon.SafeSuffixes)
        {
            if (rest.StartsWith(safeSuffix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool StartsWithSafePrefix(CompiledLexicon lexicon, ReadOnlySpan<char> word)
    {
        foreach (var safePrefix in lexicon.SafePrefixes)
        {
            if (word.StartsWith(safePrefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsSingleLetter(char[] text, Token token) => token.Length == 1 && char.IsLetter(text[token.Start]);

    private static bool HasLineBreak(char[] text, int from, int to) => text.AsSpan(from, to - from).IndexOfAny('\n', '\r') >= 0;

    private void EmitTermFindings()
    {
        var tokens = Tokens;
        for (var i = 0; i < tokens.Length; i++)
        {
            var term = tokens[i].Term;
            if (term is null || InSafeRange(i))
            {
                continue;
            }

            var severity = term.BaseSeverity;
            if ((term.Flags & TermFlags.Disease) != 0 && !IsCurseCompound(Word(i), term) && IsMedicalContext(i))
            {
                continue;
            }

            if (term.TargetedSeverity != term.BaseSeverity || term.Category is Category.Insult or Category.Discrimination)
            {
                var target = ReadTarget(i, intensifierTargets: term.BaseSeverity > Severity.None);
                if (target == Target.Negated || (target == Target.Self && term.Category == Category.Insult))
                {
                    continue;
                }

                severity = target switch
                {
                    Target.Person => term.TargetedSeverity,
                    Target.Company => term.BaseSeverity > Severity.None ? term.BaseSeverity : Severity.Rude,
                    _ => term.BaseSeverity,
                };
            }

            if (severity > Severity.None)
            {
                ShieldAnalyzer.AddFinding(_scratch, _original, tokens[i].Start, tokens[i].End - 1, term.Category, severity, term.Name);
            }
        }
    }

    /// <summary>
    /// Asterisks standing for a word: "*** jullie" (opening a clause before a second-person word) and "wat een ***"
    /// (closing a clause after an exclamation or "bent" and an article) are censored swearing; a row of stars
    /// anywhere else (a separator, a rating, emphasis) is not. Only the few recorded runs are looked at.
    /// </summary>
    private void ReadBareCensoring()
    {
        foreach (var (first, last, opensClause, closesClause) in _scratch.StarRuns)
        {
            var next = FirstTokenFrom(last + 1);
            var previous = next - 1;
            var beforeYou = opensClause && next < Tokens.Length && _lexicon.TargetCues.Contains(Word(next));
            var afterArticle = closesClause && previous >= 1 && Tokens[previous].End <= first
                && _lexicon.Articles.Contains(Word(previous)) && !Tokens[previous].PauseBefore
                && (_lexicon.Exclamations.Contains(Word(previous - 1)) || _lexicon.TargetCues.Contains(Word(previous - 1)));
            if (beforeYou || afterArticle)
            {
                ShieldAnalyzer.AddFinding(_scratch, _original, first, last, Category.Profanity, Severity.Rude, "censored-stars");
            }
        }
    }

    /// <summary>The index of the first token starting at or after <paramref name="offset"/> (binary search: tokens are in text order).</summary>
    private int FirstTokenFrom(int offset)
    {
        int low = 0, high = Tokens.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (Tokens[mid].Start < offset)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    private enum Target
    {
        None,
        Person,
        Company,
        Negated,

        /// <summary>The writer calls themselves names: "ik voel me een idioot", "I am a dumbass".</summary>
        Self,
    }

    /// <summary>
    /// "Wat een sukkel", "u r such a dickhead" address the reader; "die bezorger is echt een sukkel" and "he is
    /// such an idiot" describe someone else: an exclamation right after a third-person copula aims nothing.
    /// </summary>
    private bool DescribesThirdPerson(int index) =>
        index > 0 && !Tokens[index].PauseBefore && _lexicon.ThirdPersonCopulas.Contains(Word(index - 1));

    /// <summary>
    /// "van jullie", "van u": the second-person word at <paramref name="index"/> names whose someone is, not
    /// whom the writer addresses.
    /// </summary>
    private bool IsPossessive(int index) =>
        index > 0 && !Tokens[index].PauseBefore && _lexicon.Possessors.Contains(Word(index - 1));

    /// <summary>
    /// Whom an insult is aimed at: a second-person cue ("jij", "je bent", "you"), an intensifier
    /// ("stomme", "vuile") for words that are insults on their own, or a vocative position
    /// ("Idioot, waar blijft..."); a negation ("geen", "not") cancels it.
    /// </summary>
    private Target ReadTarget(int index, bool intensifierTargets)
    {
        var tokens = Tokens;
        var target = Target.None;
        var clauseStart = index;
        var onlyModifiers = true;
        for (var j = index - 1; j >= 0 && j >= index - 5; j--)
        {
            if (tokens[j + 1].PauseBefore)
            {
                break;
            }

            clauseStart = j;
            var word = Word(j);
            if (IsNegation(j))
            {
                return Target.Negated;
            }

            var isModifier = _lexicon.Intensifiers.Contains(word) || _lexicon.Articles.Contains(word) || _lexicon.Exclamations.Contains(word);
            onlyModifiers &= isModifier;
            if (target != Target.None)
            {
                continue;
            }

            if (_lexicon.SelfCues.Contains(word))
            {
                target = Target.Self;
            }
            else if (_lexicon.TargetCues.Contains(word) && IsPossessive(j))
            {
                // "die bezorger van jullie is een sukkel": the company's people, not the reader.
                target = Target.Company;
            }
            else if (_lexicon.TargetCues.Contains(word) || (intensifierTargets && _lexicon.Intensifiers.Contains(word))
                || (j > 0 && _lexicon.Articles.Contains(word) && _lexicon.Exclamations.Contains(Word(j - 1)) && !DescribesThirdPerson(j - 1)))
            {
                target = Target.Person;
            }
            else if (_lexicon.CompanyCues.Contains(word))
            {
                target = Target.Company;
            }
        }

        if (target != Target.None)
        {
            return target;
        }

        // "Idioot, waar blijft...", "Stomme koe!", "..., sukkel."
        var startsClause = (clauseStart == 0 || tokens[clauseStart].PauseBefore) && onlyModifiers;
        var endsClause = index == tokens.Length - 1 || tokens[index + 1].PauseBefore;
        if (startsClause && endsClause)
        {
            return Target.Person;
        }

        // "idioot dat je bent", "idiot that you are".
        for (var j = index + 1; j < tokens.Length && j <= index + 3; j++)
        {
            if (tokens[j].PauseBefore)
            {
                break;
            }

            if (j > index + 1 && _lexicon.CopulaAfter.Contains(Word(j)))
            {
                return Target.Person;
            }
        }

        return Target.None;
    }

    /// <summary>
    /// "kankerhekel", "teringbedrijf": a disease prefix on a word that is not a medical suffix (those stop
    /// <see cref="MatchCompound(ReadOnlySpan{char})"/>) is a curse even after "heb" or "met".
    /// </summary>
    private static bool IsCurseCompound(ReadOnlySpan<char> word, Term term) =>
        word.Length >= term.Name.Length + MinCompoundRest && word.StartsWith(term.Name, StringComparison.Ordinal);

    /// <summary>"mijn moeder heeft kanker", "overleden aan tyfus": a disease named as a disease.</summary>
    private bool IsMedicalContext(int index)
    {
        var tokens = Tokens;
        for (var j = index - 1; j >= 0 && j >= index - 3; j--)
        {
            if (tokens[j + 1].BreakBefore)
            {
                break;
            }

            if (_lexicon.MedicalBefore.Contains(Word(j)))
            {
                return true;
            }
        }

        return index + 1 < tokens.Length && !tokens[index + 1].BreakBefore && _lexicon.MedicalAfter.Contains(Word(index + 1));
    }

    private bool InSafeRange(int token)
    {
        foreach (var (first, last) in _scratch.SafeRanges)
        {
            if (token >= first && token <= last)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Scans backwards so that, at each anchor, the nearest following occurrence of every rule key
    /// is known: a rule is tried only when all its keys lie within its reach.
    /// </summary>
    private void MatchPhrases()
    {
        var tokens = Tokens;
        var groupSpans = _lexicon.AnchorGroupSpans;
        var groupAlways = _lexicon.AnchorGroupAlwaysTried;
        _scratch.StartPhraseScan(_lexicon.KeySlotCount, groupSpans.Length);
        var nextKey = _scratch.NextKey;
        var nextGroupKey = _scratch.NextGroupKey;
        var groupStamp = _scratch.GroupStamp;
        var stamp = _scratch.Stamp;
        for (var i = tokens.Length - 1; i >= 0; i--)
        {
            var entry = tokens[i].Entry;
            if (entry?.AnchorRules is { } rules)
            {
                var group = entry.AnchorGroup;
                if (groupAlways[group] || (groupStamp[group] == stamp && nextGroupKey[group] - i <= groupSpans[group]))
                {
                    TryRules(rules, i);
                }
            }

            if (_lexicon.PrefixAnchoredRules.Count > 0)
            {
                TryRules(_lexicon.PrefixAnchoredRules, i);
            }

            if (tokens[i].Term is not null && _lexicon.TermAnchoredRules.Count > 0)
            {
                TryRules(_lexicon.TermAnchoredRules, i);
            }

            if (entry?.KeySlots is { } keys)
            {
                foreach (var key in keys)
                {
                    Scratch.SetNextKey(nextKey, key, stamp, i);
                }
            }

            if (entry?.KeyGroups is { } groups)
            {
                foreach (var group in groups)
                {
                    nextGroupKey[group] = i;
                    groupStamp[group] = stamp;
                }
            }
        }
    }

    private void TryRules(RuleList list, int start)
    {
        var nextKey = _scratch.NextKey;
        var stamp = _scratch.Stamp;
        var filters = list.Filters;
        for (var r = 0; r < filters.Length; r++)
        {
            var filter = filters[r];
            var reach = start + filter.MaxSpan;
            if ((filter.Key0 >= 0 && Scratch.NextKeyAt(nextKey, filter.Key0, stamp) > reach)
                || (filter.Key1 >= 0 && Scratch.NextKeyAt(nextKey, filter.Key1, stamp) > reach))
            {
                continue;
            }

            var rule = list.Rules[r];

            if ((rule.Strict && (_language is null || !SameLanguage(_language, rule.Language)))
                || (rule.AtSentenceStart && start > 0 && !Tokens[start].BreakBefore)
                || (rule.InsultsOpeningAddressee && IsPossessive(start)))
            {
                continue;
            }

            var end = MatchFrom(rule.Elements, 0, start, start, allowBreak: false);
            if (end < 0 || (rule.Kind == PhraseKind.Finding && IsNegated(rule, start, end)))
            {
                continue;
            }

            var last = end - 1;
            switch (rule.Kind)
            {
                case PhraseKind.Safe:
                    _scratch.SafeRanges.Add((start, last));
                    break;
                case PhraseKind.Counter:
                    _scratch.Counters.Add((start, rule.CancelMask));
                    break;
                default:
                    foreach (var category in rule.Categories)
                    {
                        ShieldAnalyzer.AddFinding(_scratch, _original, Tokens[start].Start, Tokens[last].End - 1, category, rule.Severity, rule.Name, rule.SupersedeMask);
                    }

                    break;
            }
        }
    }

    /// <summary>
    /// "I have no contempt for...", "ik haat moslims niet", "ik haat Turken helemaal niet": a negation just
    /// before or after a hostile rule (after it, possibly behind one <c>@negadv</c> adverb) cancels it.
    /// </summary>
    private bool IsNegated(PhraseRule rule, int start, int end)
    {
        if (rule.Categories.Contains(Category.SelfHarm) || rule.Categories.Contains(Category.Compliment))
        {
            return false;
        }

        var tokens = Tokens;

        // Dutch puts the negation after the object: "ik haat moslims niet", "ik vermoord je niet",
        // often with one adverb in between ("ik haat Turken helemaal niet").
        if (end < tokens.Length && !tokens[end].PauseBefore
            && (IsNegation(end) || (end + 1 < tokens.Length && !tokens[end + 1].PauseBefore
                && _lexicon.NegationAdverbs.Contains(Word(end)) && IsNegation(end + 1))))
        {
            return true;
        }

        // "Als dit niet opgelost wordt, dan...": the negation belongs to the condition.
        if (_lexicon.ClauseBreaks.Contains(Word(start)))
        {
            return false;
        }

        for (var j = start - 1; j >= 0 && j >= start - 4; j--)
        {
            if (tokens[j + 1].PauseBefore || _lexicon.ClauseBreaks.Contains(Word(j)))
            {
                return false;
            }

            if (IsNegation(j))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A negation word, unless it starts a phrase that is not one ("nothing but", "no better than") or asks a rhetorical question ("why don't we").</summary>
    private bool IsNegation(int index) =>
        _lexicon.Negations.Contains(Word(index))
        && !(index + 1 < _tokenCount && !Tokens[index + 1].PauseBefore && _lexicon.NegationBreakers.Contains(Word(index + 1)))
        && !(index > 0 && !Tokens[index].PauseBefore && _lexicon.Rhetorical.Contains(Word(index - 1)));

    /// <summary>Returns one past the last matched token, or -1. Gaps are bounded, so work per anchor is bounded.</summary>
    private int MatchFrom(PatternElement[] elements, int elementIndex, int tokenIndex, int start, bool allowBreak)
    {
        if (elementIndex == elements.Length)
        {
            return tokenIndex;
        }

        var element = elements[elementIndex];
        var tokens = Tokens;
        if (element.Kind == ElementKind.Gap)
        {
            for (var gap = 0; gap <= element.MaxGap; gap++)
            {
                if (gap > 0)
                {
                    var skipped = tokenIndex + gap - 1;
                    // Long cross-sentence gaps reach back to an earlier mention; a negation there is about something else.
                    // After "$?" only the first skipped token may open the next sentence.
                    if (skipped >= tokens.Length || (!element.CrossesSentences && IsNegation(skipped))
                        || (!element.CrossesSentences && !(allowBreak && gap == 1) && tokens[skipped].BreakBefore))
                    {
                        return -1;
                    }
                }

                var end = MatchFrom(elements, elementIndex + 1, tokenIndex + gap, start, element.CrossesSentences || (allowBreak && gap == 0));
                if (end >= 0)
                {
                    return end;
                }
            }

            return -1;
        }

        if (element.Kind == ElementKind.QuestionEnd)
        {
            return tokenIndex < tokens.Length && tokens[tokenIndex].QuestionBefore
                ? MatchFrom(elements, elementIndex + 1, tokenIndex, start, allowBreak: true)
                : -1;
        }

        if (element.Kind is ElementKind.ClauseEnd or ElementKind.SentenceEnd)
        {
            var ends = tokenIndex == tokens.Length
                || (element.Kind == ElementKind.ClauseEnd ? tokens[tokenIndex].PauseBefore : tokens[tokenIndex].SentenceEndBefore);
            return ends ? MatchFrom(elements, elementIndex + 1, tokenIndex, start, allowBreak) : -1;
        }

        if (tokenIndex < tokens.Length && (tokenIndex == start || allowBreak || !tokens[tokenIndex].BreakBefore))
        {
            var consumed = Matches(element, tokenIndex);
            if (consumed > 0)
            {
                var end = MatchFrom(elements, elementIndex + 1, tokenIndex + consumed, start, allowBreak: false);
                if (end >= 0)
                {
                    return end;
                }
            }
        }

        return element.Optional ? MatchFrom(elements, elementIndex + 1, tokenIndex, start, allowBreak) : -1;
    }

    /// <summary>Returns how many tokens the element consumes at <paramref name="tokenIndex"/>, 0 when it does not match.</summary>
    private int Matches(PatternElement element, int tokenIndex)
    {
        switch (element.Kind)
        {
            case ElementKind.TermCategory:
                return Tokens[tokenIndex].Term is { } term && term.Category == element.TermCategory ? 1 : 0;
            case ElementKind.AnyTerm:
                return Tokens[tokenIndex].Term is not null ? 1 : 0;
            default:
                var wordId = Tokens[tokenIndex].Entry?.WordId ?? -1;
                if (wordId >= 0 && Array.BinarySearch(element.WordIds, wordId) >= 0)
                {
                    return 1;
                }

                var word = Word(tokenIndex);

                foreach (var prefix in element.Prefixes)
                {
                    if (word.StartsWith(prefix, StringComparison.Ordinal))
                    {
                        return 1;
                    }
                }

                foreach (var sequence in element.Sequences)
                {
                    if (MatchesSequence(sequence, tokenIndex))
                    {
                        return sequence.Length;
                    }
                }

                return 0;
        }
    }

    private bool MatchesSequence(string[] sequence, int tokenIndex)
    {
        if (tokenIndex + sequence.Length > _tokenCount)
        {
            return false;
        }

        for (var k = 0; k < sequence.Length; k++)
        {
            if ((k > 0 && Tokens[tokenIndex + k].BreakBefore) || !Word(tokenIndex + k).SequenceEqual(sequence[k]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Counter-speech ("hij zei dat moslims ratten zijn, dat is racistisch") cancels findings of the
    /// named categories in its own sentence and in the sentence just before it, which is where a
    /// denounced statement is quoted ("X are rats. Statements like that are disgusting."). Later
    /// sentences are not covered: "Ik haat Turken helemaal niet. Maar moslims zijn ratten." still
    /// reports the second sentence. One pass over the tokens numbers the sentences, only when the
    /// message has counter-speech; each finding then costs one binary search.
    /// </summary>
    private void ApplyCounterSpeech()
    {
        var counters = _scratch.Counters;
        var findings = _scratch.Findings;
        if (counters.Count == 0 || findings.Count == 0)
        {
            return;
        }

        var tokens = Tokens;
        var sentenceCount = 1;
        for (var i = 1; i < tokens.Length; i++)
        {
            sentenceCount += tokens[i].BreakBefore ? 1 : 0;
        }

        _scratch.EnsureSentences(sentenceCount);
        var starts = _scratch.SentenceStarts.AsSpan(0, sentenceCount);
        var cancels = _scratch.SentenceCancels.AsSpan(0, sentenceCount);
        cancels.Clear();

        // Sentence 0 also holds anything before the first token (symbol rows found while normalising).
        starts[0] = 0;
        var sentence = 0;
        for (var i = 1; i < tokens.Length; i++)
        {
            if (tokens[i].BreakBefore)
            {
                starts[++sentence] = _scratch.Map[tokens[i].Start];
            }
        }

        foreach (var (token, mask) in counters)
        {
            var at = SentenceOf(starts, _scratch.Map[tokens[token].Start]);
            cancels[at] |= mask;
            if (at > 0)
            {
                cancels[at - 1] |= mask;
            }
        }

        // A loop, not RemoveAll with a lambda: capturing the list allocated a closure on every message.
        // A finding that runs across sentences ("Muslims ... They are vermin.") counts in both of its ends.
        var write = 0;
        for (var i = 0; i < findings.Count; i++)
        {
            var cancelled = cancels[SentenceOf(starts, findings[i].Start)] | cancels[SentenceOf(starts, findings[i].End)];
            if ((cancelled & (1 << (int)findings[i].Category)) == 0)
            {
                findings[write++] = findings[i];
            }
        }

        findings.RemoveRange(write, findings.Count - write);
    }

    /// <summary>The sentence holding original offset <paramref name="offset"/>: the last one starting at or before it.</summary>
    private static int SentenceOf(ReadOnlySpan<int> starts, int offset)
    {
        var found = starts.BinarySearch(offset);
        return found >= 0 ? found : Math.Max(0, ~found - 1);
    }

    /// <summary>
    /// A finding wholly inside a longer one that reinterprets it is dropped: "Joden zijn parasieten" is
    /// reported once, as discrimination, not also as an insult of the reader; "ik maak jullie kapot op social
    /// media" is intimidation (its rule declares <c>supersedes=threat</c>), not the violence of "maak jullie
    /// kapot". Only an explicit declaration drops a more severe finding, and only inside the declaring match,
    /// so a threat elsewhere in the message is never lost. Only for the handful of findings a real message
    /// has; above that the category detail is not worth quadratic work.
    /// </summary>
    private void DropContainedFindings()
    {
        var findings = _scratch.Findings;
        if (findings.Count < 2 || findings.Count > MaxFindingsToFold)
        {
            return;
        }

        var write = 0;
        for (var i = 0; i < findings.Count; i++)
        {
            var finding = findings[i];
            if (!IsSuperseded(findings, finding))
            {
                findings[write++] = finding;
            }
        }

        findings.RemoveRange(write, findings.Count - write);
    }

    private static bool IsSuperseded(List<Finding> findings, Finding finding)
    {
        var bit = 1 << (int)finding.Category;
        foreach (var other in findings)
        {
            if (other.Start <= finding.Start && finding.End <= other.End
                && ((other.SupersedeMask & bit) != 0
                    || (finding.Category == Category.Insult && other.Category == Category.Discrimination && other.Severity >= finding.Severity)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Reported speech: abuse inside quotation marks, in a message that also says something
    /// outside them ('uw collega noemde mij "klootzak"', 'saying "I hate women" is wrong'), is
    /// quoted, not meant. Shouting, welfare and praise are kept.
    /// </summary>
    private void DropQuotedFindings()
    {
        var findings = _scratch.Findings;
        if (findings.Count == 0)
        {
            return;
        }

        var text = _scratch.Text;
        var map = _scratch.Map;
        var length = _scratch.TextLength;
        var open = -1;
        var quotedChars = 0;
        var regions = 0;
        Span<(int Start, int End)> quotes = stackalloc (int, int)[8];

        // Jumps from quote mark to quote mark: most messages have none, and the search is vectorised.
        for (var i = 0; i < length && regions < quotes.Length; i++)
        {
            var next = text.AsSpan(i, length - i).IndexOfAny(QuoteMarks);
            if (next < 0)
            {
                break;
            }

            i += next;
            if (open < 0)
            {
                open = i;
            }
            else if (i - open > 1)
            {
                quotes[regions++] = (map[open], map[i]);
                quotedChars += i - open;
                open = -1;
            }
        }

        // Mostly quoted text is the message itself, not a report of someone else's words.
        if (regions == 0 || length - quotedChars < 12)
        {
            return;
        }

        for (var f = findings.Count - 1; f >= 0; f--)
        {
            var finding = findings[f];
            if (finding.Category is Category.Shouting or Category.SelfHarm or Category.Compliment)
            {
                continue;
            }

            foreach (var (start, end) in quotes[..regions])
            {
                if (finding.Start > start && finding.End <= end)
                {
                    findings.RemoveAt(f);
                    break;
                }
            }
        }
    }

    /// <summary>
    /// Whether <paramref name="text"/> may hold <paramref name="count"/> capital letters. Most messages
    /// are plain ASCII with a capital or two, which a few vectorised searches prove without looking
    /// at each token; any other text is assumed to have them.
    /// </summary>
    private static bool HasCapitals(string text, int count)
    {
        var rest = text.AsSpan();
        if (!Ascii.IsValid(rest))
        {
            return true;
        }

        for (var found = 0; found < count; found++)
        {
            var next = rest.IndexOfAny(Capitals);
            if (next < 0)
            {
                return false;
            }

            rest = rest[(next + 1)..];
        }

        return true;
    }

    /// <summary>Runs of words in capitals: "WAAR IS MIJN PAKKET".</summary>
    private void FindShouting()
    {
        if (!HasCapitals(_original, MinShoutingLetters))
        {
            return;
        }

        var tokens = Tokens;
        var runStart = -1;
        var runLast = -1;
        var runWords = 0;
        var runLetters = 0;
        for (var i = 0; i <= tokens.Length; i++)
        {
            var caps = 0;
            var isCaps = false;
            var neutral = false;
            if (i < tokens.Length)
            {
                var token = tokens[i];
                var from = _scratch.Map[token.Start];
                var to = _scratch.Map[token.End - 1];
                var letters = 0;

                // Most words start with a lower-case letter: not capitals, and not neutral either.
                if (char.IsAsciiLetterLower(_original[from]))
                {
                    to = from - 1;
                    letters = -1;
                }

                for (var k = from; k <= to; k++)
                {
                    var c = _original[k];
                    if (char.IsLetter(c))
                    {
                        letters++;
                        caps += char.IsUpper(c) ? 1 : 0;
                    }
                }

                neutral = letters == 0;
                isCaps = letters >= 2 && caps == letters;
                if (letters == 1 && caps == 1 && runStart >= 0)
                {
                    neutral = true;
                }
            }

            if (isCaps)
            {
                runStart = runStart < 0 ? i : runStart;
                runLast = i;
                runWords++;
                runLetters += caps;
                continue;
            }

            if (neutral && i < tokens.Length)
            {
                continue;
            }

            if (runStart >= 0 && runWords >= 2 && runLetters >= MinShoutingLetters)
            {
                ShieldAnalyzer.AddFinding(_scratch, _original, tokens[runStart].Start, tokens[runLast].End - 1, Category.Shouting, Severity.Tone, "capitals");
            }

            runStart = -1;
            runWords = 0;
            runLetters = 0;
        }
    }
}

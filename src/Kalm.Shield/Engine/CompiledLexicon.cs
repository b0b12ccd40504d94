using System.Collections.Frozen;

namespace Kalm.Shield.Engine;

/// <summary>
/// The immutable, lookup-ready form of all lexicon sources. Built once per analyzer; every
/// structure is read-only afterwards, so one instance serves all threads.
/// </summary>
internal sealed class CompiledLexicon
{
    private readonly FrozenDictionary<string, Term> _terms;
    private readonly FrozenDictionary<string, Term>.AlternateLookup<ReadOnlySpan<char>> _termLookup;
    private readonly FrozenDictionary<string, Term> _squeezedTerms;
    private readonly bool[] _squeezedTrigrams = new bool[26 * 26 * 26];
    private readonly bool[] _pieceTrigrams = new bool[26 * 26 * 26];

    /// <summary>Pieces of one and two letters a–z (only join words are that short), by <see cref="ShortIndex"/>.</summary>
    private readonly PieceFlags[] _shortPieces = new PieceFlags[26 + (26 * 26)];
    private readonly FrozenDictionary<string, PieceFlags> _pieces;
    private readonly FrozenDictionary<string, PieceFlags>.AlternateLookup<ReadOnlySpan<char>> _pieceLookup;
    private readonly FrozenDictionary<string, Term>.AlternateLookup<ReadOnlySpan<char>> _squeezedLookup;
    private readonly FrozenDictionary<string, WordEntry> _words;
    private readonly FrozenDictionary<string, WordEntry>.AlternateLookup<ReadOnlySpan<char>> _wordLookup;
    private readonly Dictionary<string, List<int>> _keys;
    private readonly FrozenDictionary<string, PhraseRule[]> _anchors;

    public CompiledLexicon(LexiconBuilder builder)
    {
        _terms = builder.Terms.ToFrozenDictionary(StringComparer.Ordinal);
        _termLookup = _terms.GetAlternateLookup<ReadOnlySpan<char>>();

        var squeezed = new Dictionary<string, Term>(StringComparer.Ordinal);
        foreach (var (word, term) in builder.Terms)
        {
            squeezed.TryAdd(Squeeze(word), term);
        }

        _squeezedTerms = squeezed.ToFrozenDictionary(StringComparer.Ordinal);
        foreach (var word in squeezed.Keys)
        {
            if (TrigramIndex(word) is var index and >= 0)
            {
                _squeezedTrigrams[index] = true;
            }
        }

        _squeezedLookup = _squeezedTerms.GetAlternateLookup<ReadOnlySpan<char>>();

        // Longest prefix first, so "kankerhoer" is explained by "kanker" only when no longer prefix fits.
        var prefixTerms = builder.Terms.Values.Where(t => (t.Flags & TermFlags.Prefix) != 0)
            .OrderByDescending(t => t.Name.Length).ToArray();
        PrefixTermsByFirstLetters = Enumerable.Range(0, 26 * 26)
            .Select(index => prefixTerms.Where(t => t.Name.Length >= 2 && t.Name[0] == 'a' + (index / 26) && t.Name[1] == 'a' + (index % 26)).ToArray())
            .ToArray();
        CensorableTerms = builder.Terms.Values
            .Where(t => t.Category is Category.Profanity or Category.Insult or Category.DiseaseCurse or Category.Discrimination or Category.SexualHarassment)
            .Where(t => !t.Name.Contains(' ', StringComparison.Ordinal) && t.Name.Length >= 3)
            .OrderBy(t => t.Name.Length).ThenBy(t => t.Name, StringComparer.Ordinal).ToArray();

        SafePrefixes = builder.SafePrefixes.OrderByDescending(p => p.Length).ToArray();
        SafeSuffixes = builder.SafeSuffixes.ToArray();
        You = ClassOrEmpty(builder, "you");
        Intensifiers = ClassOrEmpty(builder, "intens");
        Negations = ClassOrEmpty(builder, "neg");
        MedicalBefore = ClassOrEmpty(builder, "medical");
        MedicalAfter = ClassOrEmpty(builder, "medicalnext");
        CompanyCues = ClassOrEmpty(builder, "company");
        Articles = ClassOrEmpty(builder, "article");
        TargetCues = ClassOrEmpty(builder, "target");
        Possessors = ClassOrEmpty(builder, "possessor");
        ThirdPersonCopulas = ClassOrEmpty(builder, "copula3");
        SelfCues = ClassOrEmpty(builder, "self");
        ClauseBreaks = ClassOrEmpty(builder, "clause");
        NegationBreakers = ClassOrEmpty(builder, "negbreak");
        NegationAdverbs = ClassOrEmpty(builder, "negadv");
        Rhetorical = ClassOrEmpty(builder, "rhetorical");
        // The join classes are read before typo variants are added: a split needs exact words.
        JoinWords = new WordSet(ClassOrEmpty(builder, "joinclasses").Members
            .SelectMany(name => builder.Classes.TryGetValue(name, out var members) ? members : [])
            .Where(word => !word.Contains('_', StringComparison.Ordinal)));
        CopulaAfter = ClassOrEmpty(builder, "copula2");
        Exclamations = ClassOrEmpty(builder, "exclaim");

        AddTypoVariants(builder);
        var slots = new Dictionary<string, PatternElement>(StringComparer.Ordinal);
        var rules = builder.PhraseLines.Select(p =>
        {
            try
            {
                return PhraseRule.Parse(p.Line, p.Language, builder.Classes, slots);
            }
            catch (FormatException e)
            {
                throw new FormatException($"{p.Source}:{p.LineNumber}: {e.Message}", e);
            }
        }).ToArray();
        RuleCount = rules.Length;
        _keys = IndexKeys(rules, ClassOrEmpty(builder, "common"), out var keySlotCount);
        foreach (var rule in rules)
        {
            rule.InsultsOpeningAddressee = rule.Kind == PhraseKind.Finding
                && rule.Categories.All(c => c == Category.Insult)
                && rule.Elements[0].Words.Any(w => You.Contains(w));
        }
        KeySlotCount = keySlotCount;

        var anchors = new Dictionary<string, List<PhraseRule>>(StringComparer.Ordinal);
        var prefixAnchored = new List<PhraseRule>();
        var termAnchored = new List<PhraseRule>();
        foreach (var rule in rules)
        {
            var first = rule.Elements[0];
            switch (first.Kind)
            {
                case ElementKind.Words:
                    foreach (var word in MembersOf(first))
                    {
                        if (!anchors.TryGetValue(word, out var list))
                        {
                            anchors[word] = list = [];
                        }

                        list.Add(rule);
                    }

                    if (first.Prefixes.Length > 0)
                    {
                        prefixAnchored.Add(rule);
                    }

                    break;
                default:
                    termAnchored.Add(rule);
                    break;
            }
        }

        _anchors = anchors.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
        PrefixAnchoredRules = new RuleList([.. prefixAnchored]);
        _words = BuildWordIndex(builder, rules);
        _wordLookup = _words.GetAlternateLookup<ReadOnlySpan<char>>();
        _pieces = IndexPieces();
        _pieceLookup = _pieces.GetAlternateLookup<ReadOnlySpan<char>>();
        TermAnchoredRules = new RuleList([.. termAnchored]);
    }

    public int TermCount => _terms.Count;

    public int RuleCount { get; }

    /// <summary>The number of distinct key slots (see <see cref="PhraseRule.Key0"/>).</summary>
    public int KeySlotCount { get; }

    /// <summary>Compound-prefix terms by their first two letters (a–z × a–z), longest first.</summary>
    public Term[][] PrefixTermsByFirstLetters { get; }

    public Term[] CensorableTerms { get; }

    public string[] SafePrefixes { get; }

    public string[] SafeSuffixes { get; }

    public WordSet You { get; }

    public WordSet Intensifiers { get; }

    public WordSet Negations { get; }

    public WordSet MedicalBefore { get; }

    public WordSet MedicalAfter { get; }

    public WordSet CompanyCues { get; }

    /// <summary>"een", "a": with an exclamation word before it ("wat een", "what a") an insult is aimed at someone.</summary>
    public WordSet Articles { get; }

    public WordSet Exclamations { get; }

    /// <summary>Words after a negation that undo it: "nothing but", "no better", "niet alleen".</summary>
    public WordSet NegationBreakers { get; }

    /// <summary>Adverbs allowed between a hostile phrase and the negation after it: "ik haat Turken helemaal niet".</summary>
    public WordSet NegationAdverbs { get; }

    /// <summary>Words that a missing space glues to a neighbour ("ikhaat", "vrouwenzijn"): the members of the classes named in <c>@joinclasses</c>.</summary>
    public WordSet JoinWords { get; }

    /// <summary>Question words that turn a following negation rhetorical: "why don't we...".</summary>
    public WordSet Rhetorical { get; }

    /// <summary>Conjunctions that end the reach of a negation: "I don't like X, but...".</summary>
    public WordSet ClauseBreaks { get; }

    /// <summary>Words before an insult that aim it at the writer: "ik ben", "voel me", "I am".</summary>
    public WordSet SelfCues { get; }

    /// <summary>Words that aim a following insult at the reader: "jij", "bent", "you".</summary>
    public WordSet TargetCues { get; }

    /// <summary>Words that turn a following second-person word into a possessive: "die bezorger van jullie".</summary>
    public WordSet Possessors { get; }

    /// <summary>Third-person copulas: "echt een" after them describes someone else ("die bezorger is echt een sukkel").</summary>
    public WordSet ThirdPersonCopulas { get; }

    /// <summary>Second-person verbs after an insult: "idioot dat je bent", "idiot that you are".</summary>
    public WordSet CopulaAfter { get; }

    public RuleList PrefixAnchoredRules { get; }

    /// <summary>Per anchor group: the longest reach of its rules.</summary>
    public int[] AnchorGroupSpans { get; private set; } = [];

    /// <summary>Per anchor group: whether a rule without keys makes the group always worth trying.</summary>
    public bool[] AnchorGroupAlwaysTried { get; private set; } = [];

    public RuleList TermAnchoredRules { get; }

    /// <summary>Everything known about one word, found with a single hash of the token.</summary>
    public WordEntry? Lookup(ReadOnlySpan<char> word) => _wordLookup.TryGetValue(word, out var entry) ? entry : null;

    public Term? FindExact(ReadOnlySpan<char> word) => _termLookup.TryGetValue(word, out var term) ? term : null;

    /// <summary>A cheap pre-check before squeezing a word: does any term start with the same three letters?</summary>
    public bool MayBeSqueezedTerm(ReadOnlySpan<char> word) => TrigramIndex(word) is var index and >= 0 && _squeezedTrigrams[index];

    /// <summary>
    /// What a word can be in a glued token (see <see cref="PieceFlags"/>). The search for glued words
    /// asks this for every prefix of a token, and most prefixes are one or two letters, or start
    /// with three letters no piece starts with: those are answered from tables, the rest with one hash.
    /// </summary>
    public PieceFlags Piece(ReadOnlySpan<char> piece)
    {
        if (ShortIndex(piece) is var shortIndex and >= 0)
        {
            return _shortPieces[shortIndex];
        }

        if (TrigramIndex(piece) is var index and >= 0 && !_pieceTrigrams[index])
        {
            return PieceFlags.None;
        }

        return _pieceLookup.TryGetValue(piece, out var flags) ? flags : PieceFlags.None;
    }

    /// <summary>The index of a word of one or two letters a–z in <see cref="_shortPieces"/>, or -1.</summary>
    private static int ShortIndex(ReadOnlySpan<char> word)
    {
        if (word.Length is 0 or > 2)
        {
            return -1;
        }

        var a = word[0] - 'a';
        if ((uint)a >= 26)
        {
            return -1;
        }

        if (word.Length == 1)
        {
            return a;
        }

        var b = word[1] - 'a';
        return (uint)b < 26 ? 26 + (a * 26) + b : -1;
    }

    /// <summary>
    /// The words a glued token may be split into, worked out once from the join words and the word
    /// index, so that trying a split point costs one lookup instead of two.
    /// </summary>
    private FrozenDictionary<string, PieceFlags> IndexPieces()
    {
        var pieces = new Dictionary<string, PieceFlags>(StringComparer.Ordinal);
        foreach (var word in JoinWords.Members)
        {
            pieces[word] = PieceFlags.Joins;
        }

        foreach (var (word, entry) in _words)
        {
            if (word.Length >= 3 && !entry.Safe && (entry.WordId >= 0 || entry.Term is not null))
            {
                var flags = PieceFlags.Word | (entry.Term is { } term && (term.Flags & TermFlags.Disease) != 0 ? PieceFlags.Disease : PieceFlags.None);
                pieces[word] = pieces.GetValueOrDefault(word) | flags;
            }
        }

        foreach (var (word, flags) in pieces)
        {
            if (TrigramIndex(word) is var index and >= 0)
            {
                _pieceTrigrams[index] = true;
            }

            if (ShortIndex(word) is var shortIndex and >= 0)
            {
                _shortPieces[shortIndex] = flags;
            }
        }

        return pieces.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>
    /// False when no known word of three letters or more starts with the first three letters of
    /// <paramref name="word"/>, so none of its prefixes of that length can be split off as a piece.
    /// </summary>
    public bool MayStartPiece(ReadOnlySpan<char> word) => TrigramIndex(word) is var index and >= 0 ? _pieceTrigrams[index] : true;

    private static int TrigramIndex(ReadOnlySpan<char> word)
    {
        if (word.Length < 3)
        {
            return -1;
        }

        var a = word[0] - 'a';
        var b = word[1] - 'a';
        var c = word[2] - 'a';
        return (uint)a < 26 && (uint)b < 26 && (uint)c < 26 ? (((a * 26) + b) * 26) + c : -1;
    }

    public Term? FindSqueezed(ReadOnlySpan<char> squeezedWord) => _squeezedLookup.TryGetValue(squeezedWord, out var term) ? term : null;

    /// <summary>Collapses every run of a repeated letter to one: kaaankeeer → kanker, klootzak → klotzak.</summary>
    public static string Squeeze(string word)
    {
        Span<char> buffer = word.Length <= 256 ? stackalloc char[word.Length] : new char[word.Length];
        var length = Squeeze(word, buffer);
        return new string(buffer[..length]);
    }

    public static int Squeeze(ReadOnlySpan<char> word, Span<char> destination)
    {
        var length = 0;
        for (var i = 0; i < word.Length; i++)
        {
            if (i == 0 || word[i] != word[i - 1])
            {
                destination[length++] = word[i];
            }
        }

        return length;
    }

    private FrozenDictionary<string, WordEntry> BuildWordIndex(LexiconBuilder builder, PhraseRule[] rules)
    {
        var words = new Dictionary<string, WordEntry>(StringComparer.Ordinal);
        WordEntry Entry(string word) => words.TryGetValue(word, out var entry) ? entry : words[word] = new WordEntry();

        // Every word a pattern slot can match gets a vocabulary id. Slots naming the same words share
        // one array (see PhraseRule.Parse), so each array is numbered once.
        var vocabulary = 0;
        var idsByWords = new Dictionary<string[], int[]>(ReferenceEqualityComparer.Instance);
        foreach (var element in rules.SelectMany(r => r.Elements).Where(e => e.Kind == ElementKind.Words))
        {
            if (!idsByWords.TryGetValue(element.Words, out var ids))
            {
                ids = new int[element.Words.Length];
                for (var i = 0; i < ids.Length; i++)
                {
                    var entry = Entry(element.Words[i]);
                    if (entry.WordId < 0)
                    {
                        entry.WordId = vocabulary++;
                    }

                    ids[i] = entry.WordId;
                }

                Array.Sort(ids);
                idsByWords[element.Words] = ids;
            }

            element.WordIds = ids;
        }

        foreach (var (word, term) in _terms)
        {
            Entry(word).Term = term;
        }

        foreach (var word in builder.SafeWords)
        {
            Entry(word).Safe = true;
        }

        foreach (var (word, slots) in _keys)
        {
            Entry(word).KeySlots = slots.ToArray();
        }

        // Anchor groups: a set of anchored rules, how far they reach, and which words are the first
        // key of any of them. A group whose keys are all out of reach is skipped whole.
        // Words that anchor the same rules (all members of one class) share a group.
        var ruleGroups = new Dictionary<int, List<int>>();
        var groupsByRules = new Dictionary<string, int>(StringComparer.Ordinal);
        var spans = new List<int>();
        var always = new List<bool>();
        var groupRules = new List<RuleList>();
        foreach (var (word, anchored) in _anchors)
        {
            var signature = string.Join(',', anchored.Select(r => r.Id));
            var entry = Entry(word);
            if (groupsByRules.TryGetValue(signature, out var existing))
            {
                entry.AnchorGroup = existing;
                entry.AnchorRules = groupRules[existing];
                continue;
            }

            var group = spans.Count;
            groupsByRules[signature] = group;
            entry.AnchorGroup = group;
            entry.AnchorRules = new RuleList(anchored);
            groupRules.Add(entry.AnchorRules);
            spans.Add(anchored.Max(r => r.MaxSpan));
            always.Add(anchored.Any(r => r.Key0 < 0));
            foreach (var rule in anchored)
            {
                if (!ruleGroups.TryGetValue(rule.Id, out var list))
                {
                    ruleGroups[rule.Id] = list = [];
                }

                list.Add(group);
            }
        }

        // A word is a first key of the groups of every rule whose first key slot holds it.
        var slotGroups = new List<int>[KeySlotCount];
        foreach (var rule in rules)
        {
            if (rule.Key0 >= 0 && ruleGroups.TryGetValue(rule.Id, out var groupsOfRule))
            {
                (slotGroups[rule.Key0] ??= []).AddRange(groupsOfRule);
            }
        }

        var wordGroups = new HashSet<int>();
        foreach (var (word, slots) in _keys)
        {
            wordGroups.Clear();
            foreach (var slot in slots)
            {
                wordGroups.UnionWith(slotGroups[slot] ?? []);
            }

            if (wordGroups.Count > 0)
            {
                Entry(word).KeyGroups = [.. wordGroups];
            }
        }

        AnchorGroupSpans = spans.ToArray();
        AnchorGroupAlwaysTried = always.ToArray();

        return words.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>
    /// Most rules start with a common word ("ik", "je"). Each rule also gets up to two keys: its
    /// most selective required slots after the first, avoiding common words. A message enables
    /// only the rules all of whose keys occur in it, so common anchors cost a lookup, not a match
    /// attempt per rule. Keys are numbered per distinct slot, not per rule: dozens of rules key on
    /// the same slot (<c>@you</c>, <c>@groep</c>), and a token then records one position per slot
    /// it belongs to instead of one per rule. Returns, per key word, the key slots holding it.
    /// </summary>
    private static Dictionary<string, List<int>> IndexKeys(PhraseRule[] rules, WordSet common, out int slotCount)
    {
        var keys = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var slotIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var commonCounts = new Dictionary<string[], int>(ReferenceEqualityComparer.Instance);
        int CommonCount(PatternElement e)
        {
            if (!commonCounts.TryGetValue(e.Words, out var count))
            {
                commonCounts[e.Words] = count = e.Words.Count(w => common.Contains(w));
            }

            return count + e.Sequences.Count(q => common.Contains(q[0]));
        }

        // A required slot's text (its Source) names its members exactly, so equal texts are one key slot.
        int SlotOf(PatternElement candidate)
        {
            if (slotIds.TryGetValue(candidate.Source, out var slot))
            {
                return slot;
            }

            slot = slotIds.Count;
            slotIds[candidate.Source] = slot;

            // Words are distinct already; only a sequence's first word can repeat one.
            var members = candidate.Sequences.Length == 0 ? candidate.Words : MembersOf(candidate).Distinct(StringComparer.Ordinal);
            foreach (var word in members)
            {
                if (!keys.TryGetValue(word, out var list))
                {
                    keys[word] = list = [];
                }

                list.Add(slot);
            }

            return slot;
        }

        for (var id = 0; id < rules.Length; id++)
        {
            var rule = rules[id];
            rule.Id = id;
            var candidates = rule.Elements.Skip(1)
                .Where(e => e.Kind == ElementKind.Words && !e.Optional && e.Prefixes.Length == 0)
                .OrderBy(e => (CommonCount(e) * 1000) + e.Words.Length + e.Sequences.Length)
                .Take(2).ToArray();
            rule.Key0 = candidates.Length > 0 ? SlotOf(candidates[0]) : -1;
            rule.Key1 = candidates.Length > 1 ? SlotOf(candidates[1]) : -1;
            rule.MaxSpan = rule.Elements.Sum(e => e.Kind switch
            {
                ElementKind.Gap => e.MaxGap,
                ElementKind.ClauseEnd or ElementKind.SentenceEnd or ElementKind.QuestionEnd => 0,
                ElementKind.Words => Math.Max(1, e.Sequences.Select(q => q.Length).DefaultIfEmpty(1).Max()),
                _ => 1,
            });
        }

        slotCount = slotIds.Count;
        return keys;
    }

    /// <summary>Shortest fuzzy class word that also matches with a letter dropped or doubled.</summary>
    private const int MinTypoEditLength = 5;

    /// <summary>
    /// Classes marked fuzzy ("@group~:") also match two swapped letters (words of four letters or
    /// more) or one deleted or doubled letter (five or more): "haet", "contmpt", "disgutsing",
    /// "homoos"; never in the first letter and never where the variant is itself a known word
    /// (real words that a variant would hijack are listed in <c>@notypo</c>).
    /// </summary>
    private static void AddTypoVariants(LexiconBuilder builder)
    {
        var known = new HashSet<string>(builder.Terms.Keys, StringComparer.Ordinal);
        foreach (var members in builder.Classes.Values)
        {
            known.UnionWith(members);
        }

        foreach (var name in builder.FuzzyClasses)
        {
            var members = builder.GetClass(name);
            var variants = new HashSet<string>(StringComparer.Ordinal);
            foreach (var word in members)
            {
                if (word.Length < 4 || word.Contains(' ', StringComparison.Ordinal))
                {
                    continue;
                }

                for (var i = 1; i < word.Length; i++)
                {
                    // A letter dropped or typed twice ("jodn", "homoos", "musslims"): only from five letters on,
                    // because shorter words have too many real neighbours. A term typed with a doubled letter
                    // ("kankker") is left to the term squeezing, which keeps it a term, not only a class word.
                    if (word.Length >= MinTypoEditLength)
                    {
                        variants.Add(word.Remove(i, 1));
                        if (!builder.Terms.ContainsKey(word))
                        {
                            variants.Add(word.Insert(i, word.Substring(i, 1)));
                        }
                    }

                    if (i + 1 < word.Length && word[i] != word[i + 1])
                    {
                        variants.Add(string.Concat(word.AsSpan(0, i), word.AsSpan(i + 1, 1), word.AsSpan(i, 1), word.AsSpan(i + 2)));
                    }
                }
            }

            variants.ExceptWith(known);
            members.UnionWith(variants);
        }
    }

    private static WordSet ClassOrEmpty(LexiconBuilder builder, string name) =>
        builder.Classes.TryGetValue(name, out var members) ? new WordSet(members) : WordSet.Empty;

    private static IEnumerable<string> MembersOf(PatternElement element) =>
        element.Words.Concat(element.Sequences.Select(sequence => sequence[0]));
}

/// <summary>What the lexicon knows about one word: its term, whether it is safe, which rules it anchors or keys.</summary>
internal sealed class WordEntry
{
    public Term? Term { get; set; }

    public bool Safe { get; set; }

    /// <summary>The word's id in the pattern vocabulary, or -1 when no pattern slot lists it.</summary>
    public int WordId { get; set; } = -1;

    /// <summary>The key slots holding this word (see <see cref="PhraseRule.Key0"/>).</summary>
    public int[]? KeySlots { get; set; }

    public RuleList? AnchorRules { get; set; }

    /// <summary>The anchor group of <see cref="AnchorRules"/>.</summary>
    public int AnchorGroup { get; set; } = -1;

    /// <summary>The anchor groups for which this word is the first key of at least one rule.</summary>
    public int[]? KeyGroups { get; set; }
}

/// <summary>What a known word can be when a glued token is split (see Matcher.SplitGluedWords).</summary>
[Flags]
internal enum PieceFlags : byte
{
    None = 0,

    /// <summary>A member of the join classes: a split must touch one.</summary>
    Joins = 1,

    /// <summary>A rule word or term of three letters or more that is not safe.</summary>
    Word = 2,

    /// <summary>A disease term: never split off the end of a token ("vrouwenkanker").</summary>
    Disease = 4,
}


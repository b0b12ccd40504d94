namespace Kalm.Shield.Engine;

/// <summary>A token in the normalised buffer.</summary>
internal struct Token
{
    /// <summary>First index in the normalised buffer.</summary>
    public int Start;

    /// <summary>One past the last index in the normalised buffer.</summary>
    public int End;

    /// <summary>The lexicon's entry for the token's exact text, if any.</summary>
    public WordEntry? Entry;

    /// <summary><see cref="Entry"/> holds the exact lookup already (done while looking for glued words).</summary>
    public bool EntryKnown;

    /// <summary>The lexicon term this token matched, if any.</summary>
    public Term? Term;

    /// <summary>Sentence punctuation (. ! ? ; : or a line break) lies between the previous token and this one.</summary>
    public bool BreakBefore;

    /// <summary>A comma, dash or sentence punctuation lies between the previous token and this one.</summary>
    public bool PauseBefore;

    /// <summary>A question mark lies between the previous token and this one (for the <c>$?</c> pattern slot).</summary>
    public bool QuestionBefore;

    /// <summary>
    /// A full stop, exclamation mark, question mark or line break lies between the previous token and this one
    /// (for the <c>$.</c> pattern slot); unlike <see cref="BreakBefore"/> not a semicolon, colon or quotation mark,
    /// which often go on with the same thought ("let maar op: de doos is zwaar").
    /// </summary>
    public bool SentenceEndBefore;

    /// <summary>The token contains censoring stars or hashes (f*ck, k#nker).</summary>
    public bool Censored;

    public readonly int Length => End - Start;
}

/// <summary>One finding in original-text offsets, before it becomes a public <see cref="Span"/>.</summary>
internal struct Finding
{
    public int Start;
    public int End;
    public Category Category;
    public Severity Severity;
    public string Rule;

    /// <summary>
    /// Categories (one bit per <see cref="Category"/> value) whose findings lying wholly inside this one are
    /// dropped: the rule declared <c>supersedes=</c>, because its longer phrase reinterprets the shorter one.
    /// </summary>
    public int SupersedeMask;
}

/// <summary>
/// Per-thread working memory reused across messages, so analysing a message allocates nothing
/// but its result. Buffers grow to the largest message seen on the thread.
/// </summary>
internal sealed class Scratch
{
    [ThreadStatic]
    private static Scratch? _current;

    public char[] Text = new char[512];

    /// <summary>The number of characters of <see cref="Text"/> in use for the current message.</summary>
    public int TextLength;
    public int[] Map = new int[512];
    public Token[] Tokens = new Token[128];

    /// <summary>Second token buffer for the pass that splits glued words.</summary>
    public Token[] SplitTokens = new Token[128];
    public char[] Join = new char[128];
    public List<Finding> Findings = new(16);
    public List<(int First, int Last)> SafeRanges = new(4);

    /// <summary>Counter-speech matches of the current message: first token and the categories it cancels as a bit mask.</summary>
    public List<(int Token, int Mask)> Counters = new(2);

    /// <summary>
    /// Runs of three or more asterisks standing alone between spaces ("*** jullie", "wat een ***"): their first
    /// and last normalised offsets, whether a clause break precedes them and whether the clause ends after them.
    /// Read against the final tokens, after glued words were split.
    /// </summary>
    public List<(int First, int Last, bool OpensClause, bool ClosesClause)> StarRuns = new(2);

    /// <summary>Per sentence of the current message (only when it has counter-speech): its first offset in the original text.</summary>
    public int[] SentenceStarts = new int[16];

    /// <summary>Per sentence: the categories counter-speech cancels in it, as a bit mask.</summary>
    public int[] SentenceCancels = new int[16];

    /// <summary>
    /// Per key slot (see <see cref="PhraseRule.Key0"/>): the nearest token at or after the scan position holding a key
    /// word, in the low half, and the <see cref="Stamp"/> of the message that set it in the high half,
    /// so the table is not cleared for every message, however short.
    /// </summary>
    public long[] NextKey = new long[1024];

    public static Scratch Current => _current ??= new Scratch();

    public void EnsureText(int length)
    {
        if (Text.Length < length)
        {
            var size = Math.Max(length, Text.Length * 2);
            Text = new char[size];
            Map = new int[size];
        }
    }

    public void EnsureTokens(int count)
    {
        if (Tokens.Length < count)
        {
            Array.Resize(ref Tokens, Math.Max(count, Tokens.Length * 2));
        }
    }

    public Token[] EnsureSplitTokens(int count)
    {
        if (SplitTokens.Length < count)
        {
            SplitTokens = new Token[Math.Max(count, SplitTokens.Length * 2)];
        }

        return SplitTokens;
    }

    public void EnsureSentences(int count)
    {
        if (SentenceStarts.Length < count)
        {
            SentenceStarts = new int[Math.Max(count, SentenceStarts.Length * 2)];
            SentenceCancels = new int[SentenceStarts.Length];
        }
    }

    public void SwapSplitTokens() => (Tokens, SplitTokens) = (SplitTokens, Tokens);

    public void EnsureJoin(int length)
    {
        if (Join.Length < length)
        {
            Join = new char[Math.Max(length, Join.Length * 2)];
        }
    }

    /// <summary>Per anchor group: the nearest token at or after the scan position holding a first key of the group.</summary>
    public int[] NextGroupKey = new int[1024];

    /// <summary>Per anchor group: the message stamp that <see cref="NextGroupKey"/> belongs to, so nothing is cleared per message.</summary>
    public int[] GroupStamp = new int[1024];

    /// <summary>Changes for every message; an entry with an older stamp counts as "no key seen".</summary>
    public int Stamp;

    /// <summary>
    /// Starts a new message for the rule keys and group keys in constant time: entries written for an
    /// earlier message carry an older stamp and read as "no key seen".
    /// </summary>
    public void StartPhraseScan(int keyCount, int groupCount)
    {
        if (NextKey.Length < keyCount)
        {
            NextKey = new long[keyCount];
        }

        if (NextGroupKey.Length < groupCount)
        {
            NextGroupKey = new int[groupCount];
            GroupStamp = new int[groupCount];
        }

        if (++Stamp == int.MaxValue)
        {
            Stamp = 1;
            Array.Clear(GroupStamp);
            Array.Clear(NextKey);
        }
    }

    /// <summary>The nearest token holding rule key <paramref name="key"/> in the current message, or <see cref="int.MaxValue"/>.</summary>
    public static int NextKeyAt(long[] nextKey, int key, int stamp)
    {
        var entry = nextKey[key];
        return (int)(entry >> 32) == stamp ? (int)entry : int.MaxValue;
    }

    /// <summary>Records that the nearest token holding rule key <paramref name="key"/> is <paramref name="token"/>.</summary>
    public static void SetNextKey(long[] nextKey, int key, int stamp, int token) => nextKey[key] = ((long)stamp << 32) | (uint)token;

    /// <summary>Gives back the memory of an unusually large message instead of keeping it per thread forever.</summary>
    public void TrimAfterLargeMessage()
    {
        const int Keep = 64 * 1024;
        if (Text.Length > Keep)
        {
            Text = new char[512];
            Map = new int[512];
        }

        if (Join.Length > Keep)
        {
            Join = new char[128];
        }

        if (Tokens.Length > Keep / 4 || SplitTokens.Length > Keep / 4)
        {
            Tokens = new Token[128];
            SplitTokens = new Token[128];
        }

        if (SentenceStarts.Length > Keep / 4)
        {
            SentenceStarts = new int[16];
            SentenceCancels = new int[16];
        }

        if (Findings.Capacity > 1024)
        {
            Findings = new List<Finding>(16);
        }
    }

    public void Reset()
    {
        Findings.Clear();
        SafeRanges.Clear();
        Counters.Clear();
        StarRuns.Clear();
    }
}

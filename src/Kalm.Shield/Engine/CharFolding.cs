using System.Text;

namespace Kalm.Shield.Engine;

/// <summary>
/// Maps every UTF-16 code unit to the character the matcher compares: lower case, without
/// diacritics, with Cyrillic/Greek/full-width look-alikes turned into their Latin twins.
/// A table keeps the hot loop to a single array read per character. It is filled per block of
/// 256 code units on first use: filling all 65,536 entries decomposed some 50,000 letters through
/// ICU at start-up, while a message touches a handful of blocks.
/// </summary>
internal static class CharFolding
{
    /// <summary>Marks a character that is dropped entirely (zero-width and format characters).</summary>
    public const char Drop = '\0';

    /// <summary>
    /// An entry not filled yet. U+FFFF is a noncharacter that folds to itself, so after its block is
    /// filled <see cref="Fold"/> still answers it correctly, through the slow path.
    /// </summary>
    private const char Pending = '\uFFFF';

    private const int BlockBits = 8;

    private static readonly char[] Table = NewTable();

    private static readonly bool[] Filled = new bool[(char.MaxValue + 1) >> BlockBits];

    /// <summary>Foldings the Unicode data does not give, applied after it.</summary>
    private static readonly (char C, char Folded)[] Exceptions = BuildExceptions();

    public static char Fold(char c)
    {
        var folded = Table[c];
        return folded != Pending ? folded : FoldInNewBlock(c);
    }

    /// <summary>Folds a supplementary-plane code point; mathematical alphanumerics become plain letters.</summary>
    public static char FoldSupplementary(int codePoint)
    {
        // Mathematical Alphanumeric Symbols: styled A–Z a–z in blocks of 52 (bold, italic, script...).
        if (codePoint is >= 0x1D400 and <= 0x1D6A3)
        {
            var offset = (codePoint - 0x1D400) % 52;
            return (char)(offset < 26 ? 'a' + offset : 'a' + offset - 26);
        }

        // Mathematical digits.
        if (codePoint is >= 0x1D7CE and <= 0x1D7FF)
        {
            return (char)('0' + ((codePoint - 0x1D7CE) % 10));
        }

        // Regional indicator letters (🇦..🇿) are used to spell words too.
        if (codePoint is >= 0x1F1E6 and <= 0x1F1FF)
        {
            return (char)('a' + (codePoint - 0x1F1E6));
        }

        return ' ';
    }

    private static char[] NewTable()
    {
        var table = new char[char.MaxValue + 1];
        Array.Fill(table, Pending);
        return table;
    }

    /// <summary>
    /// Fills the block of <paramref name="c"/> and returns its entry. Two threads may fill the same
    /// block at once: they write the same values, and a block counts as filled only after all its
    /// entries are written, so no reader sees a wrong entry.
    /// </summary>
    private static char FoldInNewBlock(char c)
    {
        var block = c >> BlockBits;
        if (!Volatile.Read(ref Filled[block]))
        {
            FillBlock(block);
            Volatile.Write(ref Filled[block], true);
        }

        return Table[c];
    }

    private static void FillBlock(int block)
    {
        var first = block << BlockBits;
        var last = first + (1 << BlockBits) - 1;
        for (var i = first; i <= last; i++)
        {
            Table[i] = Compute((char)i);
        }

        foreach (var (c, folded) in Exceptions)
        {
            if (c >= first && c <= last)
            {
                Table[c] = folded;
            }
        }
    }

    private static char Compute(char c)
    {
        if (char.IsSurrogate(c))
        {
            return ' ';
        }

        if (char.IsLetter(c))
        {
            return FoldLetter(c);
        }

        if (char.IsDigit(c) && c > 0x7F)
        {
            return (char)('0' + (int)char.GetNumericValue(c));
        }

        return char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format ? Drop : c;
    }

    private static (char C, char Folded)[] BuildExceptions()
    {
        var exceptions = new List<(char, char)>();

        // Soft hyphen, zero-width and joiner characters hide inside words to dodge filters.
        foreach (var c in "\u00AD\u034F\u115F\u1160\u180E\u200B\u200C\u200D\u200E\u200F\u2060\u2061\u2062\u2063\u2064\uFEFF\u3164\uFFA0")
        {
            exceptions.Add((c, Drop));
        }

        // Full-width ASCII forms.
        for (var c = 0xFF01; c <= 0xFF5E; c++)
        {
            var ascii = (char)(c - 0xFEE0);
            exceptions.Add(((char)c, char.IsLetter(ascii) ? char.ToLowerInvariant(ascii) : ascii));
        }

        // Look-alike letters from Cyrillic and Greek that NFD does not reduce to Latin.
        // Pairs of (look-alike, Latin letter).
        const string LookAlikes = "аaАaвbВbеeЕeёeЁeкkКkмmМmнhНhоoОoрpРpсcСcтtТtуyУyхxХxіiІiїiЇiјjЈjѕsЅsԁdһhӏlɑaαaΑaβbΒbεeΕeζzΖzηnΗhιiΙiκkΚkμuΜmνvΝnοoΟoρpΡpτtΤtυuΥyχxΧxϲcϳj";
        for (var k = 0; k < LookAlikes.Length; k += 2)
        {
            exceptions.Add((LookAlikes[k], LookAlikes[k + 1]));
        }

        foreach (var (c, folded) in "ßsẞsæaÆaœoŒoøoØołlŁlđdĐdıiĳyĲy".Chunk(2).Select(pair => (pair[0], pair[1])))
        {
            exceptions.Add((c, folded));
        }

        // Typographic apostrophes and quotes behave like their ASCII forms.
        foreach (var c in "\u2019\u2018\u02BC`\u00B4")
        {
            exceptions.Add((c, '\''));
        }

        return [.. exceptions];
    }

    private static char FoldLetter(char c)
    {
        var lower = char.ToLowerInvariant(c);
        if (lower is < (char)0x80 or >= (char)0x3000)
        {
            return lower;
        }

        var decomposed = lower.ToString().Normalize(NormalizationForm.FormD);
        return decomposed.Length > 0 && decomposed[0] < 0x80 && char.IsLetter(decomposed[0]) ? decomposed[0] : lower;
    }
}

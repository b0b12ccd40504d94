using System.Text;

namespace Kalm.Shield.Engine;

/// <summary>
/// Maps every UTF-16 code unit to the character the matcher compares: lower case, without
/// diacritics, with Cyrillic/Greek/full-width look-alikes turned into their Latin twins.
/// A table built once keeps the hot loop to a single array read per character.
/// </summary>
internal static class CharFolding
{
    /// <summary>Marks a character that is dropped entirely (zero-width and format characters).</summary>
    public const char Drop = '\0';

    private static readonly char[] Table = Build();

    public static char Fold(char c) => Table[c];

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

    private static char[] Build()
    {
        var table = new char[char.MaxValue + 1];
        for (var i = 0; i <= char.MaxValue; i++)
        {
            var c = (char)i;
            table[i] = c;
            if (char.IsSurrogate(c))
            {
                table[i] = ' ';
            }
            else if (char.IsLetter(c))
            {
                table[i] = FoldLetter(c);
            }
            else if (char.IsDigit(c) && c > 0x7F)
            {
                table[i] = (char)('0' + (int)char.GetNumericValue(c));
            }
            else if (char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format)
            {
                table[i] = Drop;
            }
        }

        // Soft hyphen, zero-width and joiner characters hide inside words to dodge filters.
        foreach (var c in "\u00AD\u034F\u115F\u1160\u180E\u200B\u200C\u200D\u200E\u200F\u2060\u2061\u2062\u2063\u2064\uFEFF\u3164\uFFA0")
        {
            table[c] = Drop;
        }

        // Full-width ASCII forms.
        for (var c = 0xFF01; c <= 0xFF5E; c++)
        {
            var ascii = (char)(c - 0xFEE0);
            table[c] = char.IsLetter(ascii) ? char.ToLowerInvariant(ascii) : ascii;
        }

        // Look-alike letters from Cyrillic and Greek that NFD does not reduce to Latin.
        // Pairs of (look-alike, Latin letter).
        const string LookAlikes = "аaАaвbВbеeЕeёeЁeкkКkмmМmнhНhоoОoрpРpсcСcтtТtуyУyхxХxіiІiїiЇiјjЈjѕsЅsԁdһhӏlɑaαaΑaβbΒbεeΕeζzΖzηnΗhιiΙiκkΚkμuΜmνvΝnοoΟoρpΡpτtΤtυuΥyχxΧxϲcϳj";
        for (var k = 0; k < LookAlikes.Length; k += 2)
        {
            table[LookAlikes[k]] = LookAlikes[k + 1];
        }

        table['ß'] = 's';
        table['ẞ'] = 's';
        table['æ'] = 'a';
        table['Æ'] = 'a';
        table['œ'] = 'o';
        table['Œ'] = 'o';
        table['ø'] = 'o';
        table['Ø'] = 'o';
        table['ł'] = 'l';
        table['Ł'] = 'l';
        table['đ'] = 'd';
        table['Đ'] = 'd';
        table['ı'] = 'i';
        table['ĳ'] = 'y';
        table['Ĳ'] = 'y';

        // Typographic apostrophes and quotes behave like their ASCII forms.
        table['\u2019'] = '\'';
        table['\u2018'] = '\'';
        table['\u02BC'] = '\'';
        table['`'] = '\'';
        table['\u00B4'] = '\'';
        return table;
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

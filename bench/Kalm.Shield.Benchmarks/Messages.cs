using System.Text;

namespace Kalm.Shield.Benchmarks;

/// <summary>
/// Deterministic message mixes: the same seed gives the same text on every machine, so figures
/// from different runs compare.
/// </summary>
public static class Messages
{
    private static readonly string[] ChatLines =
    [
        "Hallo, mijn internet doet het sinds vanochtend niet meer. Kunt u kijken?",
        "Ik wacht nu al 3 weken op mijn terugbetaling!!! Dit is echt belachelijk.",
        "WAAR BLIJFT MIJN PAKKET?????",
        "wat een klote service zeg, godverdomme",
        "Kankerlijer, los het nou eens op",
        "k@nker bedrijf, jullie zijn allemaal 1d1oten",
        "t y f u s lijers, ik weet waar je woont",
        "Ik maak jullie zwart op social media als dit niet vandaag geregeld is.",
        "Bedankt voor je geduld, je bent een held!",
        "Mijn moeder heeft kanker en kan de brief niet lezen, kunt u bellen?",
        "Volgens de wet heb ik recht op compensatie, ik stap naar de Geschillencommissie.",
        "Ik wil een leidinggevende spreken.",
        "Wij bestellen de catering voor vrijdag bij jullie, klopt de factuur?",
        "Thanks for your help, the router works again.",
        "You people are useless idiots, fix it NOW",
        "I know where you live and I will wait for you after your shift.",
        "Fijne dag nog, en bedankt voor het snelle antwoord.",
        "Da's hier ne schande, ge zijt allemaal klootzakken",
        "Allez, merci voor de hulp, het werkt weer!",
        "dan maak ik er vanavond een einde aan, niemand zal me missen",
    ];

    private static readonly string[] MailParagraphs =
    [
        "Geachte heer, mevrouw,\n\nOp 12 mei heb ik een bestelling geplaatst met ordernummer 4821-3390. Volgens de track-and-trace zou het pakket op 14 mei bezorgd worden, maar ik heb tot op heden niets ontvangen.",
        "Ik heb inmiddels drie keer gebeld en twee keer gemaild. Elke keer krijg ik te horen dat het wordt uitgezocht, maar er gebeurt niets. Dit is de slechtste service die ik ooit heb meegemaakt.",
        "Ik verwacht binnen vijf werkdagen een oplossing: bezorging van het pakket of terugbetaling van het volledige bedrag van 249,95 euro. Anders stap ik naar de Geschillencommissie.",
        "Jullie zijn een stelletje prutsers en die medewerker van gisteren was een ongelofelijke kankerlijer die gewoon ophing. Ik zet zijn naam op Facebook.",
        "Met vriendelijke groet,\nJan de Vries\nKerkstraat 12\n1234 AB Amsterdam\n06-12345678",
        "> Op 13 mei schreef Klantenservice:\n> Beste klant, bedankt voor uw bericht. Wij nemen zo snel mogelijk contact met u op.",
    ];

    /// <summary>Short chat lines: greetings, complaints, curses, obfuscation, threats, hard negatives.</summary>
    public static string[] Chat(int count, int seed = 1)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => ChatLines[random.Next(ChatLines.Length)])];
    }

    /// <summary>Mails of about 2 KB: paragraphs of a complaint, sometimes abusive, with a signature and a quote.</summary>
    public static string[] Mails(int count, int seed = 2)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ =>
        {
            var mail = new StringBuilder(2200);
            while (mail.Length < 2000)
            {
                mail.Append(MailParagraphs[random.Next(MailParagraphs.Length)]).Append("\n\n");
            }

            return mail.ToString();
        })];
    }

    /// <summary>The pathological inputs, by name, each about <paramref name="length"/> characters.</summary>
    public static IReadOnlyDictionary<string, string> Pathological(int length, int seed = 3)
    {
        var random = new Random(seed);
        return new Dictionary<string, string>
        {
            ["symbol-run"] = Repeat("&*@#!$%", length),
            ["one-token"] = new string('a', length),
            ["spaced-letters"] = Repeat("k a n k e r t y f u s ", length),
            ["separators"] = Repeat("f.u.c.k-k.a.n.k.e.r_", length),
            ["near-misses"] = Repeat("kanke kankr tyfu teri klerk pokke cholerisch catering ", length),
            ["stretched"] = Repeat("kaaaaaaaaaaaankeeeeeeeeeeer ", length),
            ["random-unicode"] = RandomUnicode(random, length),
            ["shouting"] = Repeat("WAAROM DOET NIEMAND IETS!!!!!!!???? ", length),
        };
    }

    /// <summary>Total UTF-8 bytes of <paramref name="messages"/>, for throughput.</summary>
    public static long Utf8Bytes(IEnumerable<string> messages) => messages.Sum(m => (long)Encoding.UTF8.GetByteCount(m));

    private static string Repeat(string pattern, int length)
    {
        var text = new StringBuilder(length + pattern.Length);
        while (text.Length < length)
        {
            text.Append(pattern);
        }

        return text.ToString(0, length);
    }

    private static string RandomUnicode(Random random, int length)
    {
        // Letters, digits, zero-width characters, Cyrillic and Greek look-alikes, emoji halves and combining marks.
        char[] alphabet = ['a', 'k', 'n', 'e', 'r', ' ', '1', '@', '\u200B', '\u200D', '\u0430', '\u0435', '\u043E', '\u03BF', '\u0301', '\uD83D', '\uDE21', '!', '.', '\u00E9'];
        var text = new char[length];
        for (var i = 0; i < length; i++)
        {
            text[i] = alphabet[random.Next(alphabet.Length)];
        }

        return new string(text);
    }
}

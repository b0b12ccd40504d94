using System.Text;

namespace Kalm.Shield.Benchmarks;

/// <summary>
/// Deterministic message mixes: the same seed gives the same text on every machine, so figures
/// from different runs compare.
/// </summary>
public static class Messages
{
    private static readonly Message[] ChatLines =
    [
        new("Hallo, mijn internet doet het sinds vanochtend niet meer. Kunt u kijken?", "nl"),
        new("Ik wacht nu al 3 weken op mijn terugbetaling!!! Dit is echt belachelijk.", "nl"),
        new("WAAR BLIJFT MIJN PAKKET?????", "nl"),
        new("wat een klote service zeg, godverdomme", "nl"),
        new("Kankerlijer, los het nou eens op", "nl"),
        new("k@nker bedrijf, jullie zijn allemaal 1d1oten", "nl"),
        new("t y f u s lijers, ik weet waar je woont", "nl"),
        new("Ik maak jullie zwart op social media als dit niet vandaag geregeld is.", "nl"),
        new("Bedankt voor je geduld, je bent een held!", "nl"),
        new("Mijn moeder heeft kanker en kan de brief niet lezen, kunt u bellen?", "nl"),
        new("Volgens de wet heb ik recht op compensatie, ik stap naar de Geschillencommissie.", "nl"),
        new("Ik wil een leidinggevende spreken.", "nl"),
        new("Wij bestellen de catering voor vrijdag bij jullie, klopt de factuur?", "nl"),
        new("dan maak ik er vanavond een einde aan, niemand zal me missen", "nl"),
        new("Thanks for your help, the router works again.", "en"),
        new("You people are useless idiots, fix it NOW", "en"),
        new("I know where you live and I will wait for you after your shift.", "en"),
        new("f*** this company, sh1t service from start to finish", "en"),
        new("Could you check my invoice? I was charged twice in March.", "en"),
        new("Fijne dag nog, en bedankt voor het snelle antwoord.", "nl"),
        new("Da's hier ne schande, ge zijt allemaal klootzakken", "nl-BE"),
        new("Allez, merci voor de hulp, het werkt weer!", "nl-BE"),
        new("Amai, dat is hier echt om zot van te worden, nondedju", "nl-BE"),
        new("Kunt ge mijn pakske morgen leveren in plaats van vandaag?", "nl-BE"),
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

    private static readonly string[] CleanMailParagraphs =
    [
        "Beste klantenservice,\n\nOp 12 mei heb ik een bestelling geplaatst met ordernummer 4821-3390. Volgens de track-and-trace zou het pakket op 14 mei bezorgd worden, maar ik heb het nog niet ontvangen.",
        "Kunt u nagaan waar het pakket is gebleven? Als het zoek is, ontvang ik graag een nieuw exemplaar of het bedrag van 249,95 euro terug op rekening NL91 ABNA 0417 1643 00.",
        "Uw collega gaf vorige week aan dat de vervoerder een onderzoek zou starten. Ik ben overdag bereikbaar op het nummer hieronder.",
        "Met vriendelijke groet,\nJan de Vries\nKerkstraat 12\n1234 AB Amsterdam\n06-12345678",
        "> Op 13 mei schreef Klantenservice:\n> Beste klant, bedankt voor uw bericht. Wij nemen zo snel mogelijk contact met u op.",
    ];

    /// <summary>Short chat lines with their language hint: greetings, complaints, curses, obfuscation, threats, hard negatives.</summary>
    public static Message[] Chat(int count, int seed = 1)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => ChatLines[random.Next(ChatLines.Length)])];
    }

    /// <summary>Mails of about 2 KB: paragraphs of a complaint, sometimes abusive, with a signature and a quote.</summary>
    public static string[] Mails(int count, int seed = 2) => Mails(MailParagraphs, count, seed);

    /// <summary>Mails of about 2 KB made only of paragraphs Shield has nothing to say about: the common case.</summary>
    public static string[] CleanMails(int count, int seed = 4) => Mails(CleanMailParagraphs, count, seed);

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

    private static string[] Mails(string[] paragraphs, int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ =>
        {
            var mail = new StringBuilder(2200);
            while (mail.Length < 2000)
            {
                mail.Append(paragraphs[random.Next(paragraphs.Length)]).Append("\n\n");
            }

            return mail.ToString();
        })];
    }

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

/// <summary>A message and its optional language hint, as the desk and the CLI pass them.</summary>
public readonly record struct Message(string Text, string? Language);

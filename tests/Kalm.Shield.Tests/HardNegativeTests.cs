namespace Kalm.Shield.Tests;

public class HardNegativeTests
{
    private static readonly ShieldAnalyzer Analyzer = new();

    [Theory]
    // Firm complaints and legal claims.
    [InlineData("Volgens de wet heb ik recht op een vergoeding.")]
    [InlineData("Ik stap naar de Geschillencommissie als dit niet wordt opgelost.")]
    [InlineData("Ik wil een leidinggevende spreken.")]
    [InlineData("Ik dien een klacht in.")]
    [InlineData("Ik ga een klacht indienen over jou persoonlijk bij je baas.")]
    [InlineData("Dit is de derde keer dat ik bel, ik ben het echt zat.")]
    [InlineData("Ik schakel een advocaat in en stuur jullie een ingebrekestelling.")]
    [InlineData("Ik zeg mijn abonnement op en maak er een einde aan.")]
    [InlineData("I want to speak to a manager, this is unacceptable.")]
    [InlineData("I will take legal action if this is not fixed.")]
    // Words that contain or resemble abusive words.
    [InlineData("De catering was prima.")]
    [InlineData("Ik zoek een klerenkast.")]
    [InlineData("Hoera, het pakket is er!")]
    [InlineData("Ik woon aan de Pesthuislaan 12.")]
    [InlineData("Mijn adres is Pokkendijk 4, de bezorger kon het niet vinden.")]
    [InlineData("Ik zet je op de hoogte zodra het pakket er is.")]
    [InlineData("Kuttekoven ligt in Limburg.")]
    [InlineData("The assassin read Dickens in Essex.")]
    [InlineData("A cocktail in class, then grape juice.")]
    [InlineData("A skunk crossed Scunthorpe.")]
    [InlineData("His therapist is a woman.")]
    [InlineData("Ikea heeft mijn kast nog niet geleverd.")]
    [InlineData("Ik heb eikels geraapt in het bos.")]
    [InlineData("De kakkerlakken zijn weg.")]
    [InlineData("Mijn zak chips is open.")]
    [InlineData("Het is een zaak van niks, mijn kaak doet pijn.")]
    [InlineData("De banden sleten snel en ik heb veel kwalen.")]
    [InlineData("Heb je een hond?")]
    [InlineData("Mijn stomme hond heeft het pakket opgegeten.")]
    [InlineData("Ik ben zot van chocolade.")]
    // Diseases named as diseases.
    [InlineData("Mijn moeder heeft kanker.")]
    [InlineData("Mijn opa is overleden aan tyfus.")]
    [InlineData("Ik doneer aan het kankeronderzoek.")]
    [InlineData("Zij heeft borstkanker gehad.")]
    [InlineData("KWF Kankerbestrijding")]
    [InlineData("Vroeger stierven veel mensen aan de tering.")]
    [InlineData("Ik heb de pest in.")]
    [InlineData("Mijn zoon wordt gepest op school.")]
    // Context that is not a threat.
    [InlineData("Ik weet waar jullie kantoor is, ik breng het toestel langs.")]
    [InlineData("Ik kom het pakket ophalen.")]
    [InlineData("Ik wacht op je antwoord.")]
    [InlineData("Ik zie je morgen bij de afspraak.")]
    [InlineData("Ik vind je wel aardig.")]
    [InlineData("Ik voel me een idioot dat ik dit niet zag.")]
    [InlineData("Pietje heeft het pakket aangenomen.")]
    [InlineData("Super bedankt voor niets.")]
    [InlineData("Ik ben niet goed wijs geworden uit de handleiding.")]
    [InlineData("I am a dumbass for even suggesting it.")]
    [InlineData("Ik heb uw naam genoteerd voor mijn klacht.")]
    [InlineData("Ik heb jullie adres opgezocht om het terug te sturen.")]
    [InlineData("Mag ik uw naam weten voor de klacht?")]
    [InlineData("Ik neem een hamer mee om de kast te monteren.")]
    [InlineData("Ik heb een mes gekocht bij jullie en het is bot.")]
    [InlineData("Ik sterf van de honger, waar blijft mijn maaltijd?")]
    [InlineData("This is killing me, the wait is so long.")]
    [InlineData("I'm dying to know when it arrives.")]
    // Negation and counter-speech.
    [InlineData("Je bent geen idioot, het formulier is gewoon onduidelijk.")]
    [InlineData("I don't hate women.")]
    [InlineData("Saying 'I hate women' is wrong.")]
    [InlineData("Women are not stupid.")]
    [InlineData("Als je zegt 'ik haat vrouwen', ben je een racist.")]
    [InlineData("Uw medewerker noemde mij een klootzak, dat pik ik niet.")]
    [InlineData("Zeggen dat moslims ongedierte zijn is walgelijk.")]
    [InlineData("Ik haat moslims niet.")]
    [InlineData("Ik haat Turken helemaal niet.")]
    [InlineData("Ik haat vrouwen echt niet.")]
    [InlineData("Ik haat homo's zeker niet.")]
    [InlineData("Ik vermoord je heus niet.")]
    [InlineData("Je gaat eraan wennen.")]
    // Groups mentioned neutrally.
    [InlineData("Mijn buren zijn Marokkanen en heel aardig.")]
    [InlineData("Mijn buurman is een buitenlander die geen Nederlands spreekt, kunt u hem helpen?")]
    [InlineData("I love gay people.")]
    [InlineData("Muslims are welcome here.")]
    public void Harmless_messages_are_none(string text)
    {
        var result = Analyzer.Analyze(text);

        Assert.True(result.Severity == Severity.None, $"{result.Severity}: {string.Join(", ", result.Spans)}");
        Assert.DoesNotContain(result.Categories, c => c is not (Category.Compliment or Category.SelfHarm));
        Assert.Equal(text, result.Masked);
    }

    [Theory]
    [InlineData("Volgens de wet heb ik recht op een vergoeding")]
    [InlineData("De catering was prima")]
    [InlineData("Mijn moeder heeft kanker")]
    public void Nothing_found_allocates_no_spans(string text)
    {
        var result = Analyzer.Analyze(text);

        Assert.Empty(result.Spans);
        Assert.Empty(result.Categories);
        Assert.Same(text, result.Masked);
        Assert.Equal(0, result.Score);
    }
}

namespace Kalm.Shield.Tests;

/// <summary>
/// Rule families written after batch 6 of the customer-service sets was measured unseen: indirect threats,
/// stalking, bringing muscle, hitting in the face, exposure and job threats, remarks on the agent's voice,
/// asking for an agent of another origin, Flemish inverted forms. The sentences are variants, not the
/// batch-6 messages; the harmless ones are the contrast cases the rules were checked against.
/// </summary>
public class CustomerServiceBatch6Tests
{
    private static readonly ShieldAnalyzer Analyzer = new();

    [Theory]
    [InlineData("nl", "Let maar goed op.", Severity.Threat, Category.Threat)]
    [InlineData("nl", "Jullie gaan het merken.", Severity.Threat, Category.Threat)]
    [InlineData("nl", "Als het geld er niet is, dan zul je wat beleven.", Severity.Threat, Category.Threat)]
    [InlineData("nl", "Jij zult nog zien wat er gebeurt.", Severity.Threat, Category.Threat)]
    [InlineData("nl", "Dat ga je bekopen, vriend.", Severity.Threat, Category.Threat)]
    [InlineData("nl", "Dat zet ik je betaald.", Severity.Threat, Category.Threat)]
    [InlineData("nl", "Ik weet je te vinden.", Severity.Threat, Category.Threat)]
    [InlineData("nl", "Ik weet in welke wijk je woont.", Severity.Threat, Category.Threat)]
    [InlineData("nl", "Ik kom met mijn neven langs en dan praten we verder.", Severity.Threat, Category.Threat)]
    [InlineData("nl", "Als ik je tegenkom sla ik je op je bek.", Severity.Threat, Category.Threat)]
    [InlineData("nl", "Ik hoop dat jullie een dodelijk ongeluk krijgen.", Severity.Threat, Category.Threat)]
    [InlineData("nl", "Jouw foto gaat morgen rond op Facebook.", Severity.Abusive, Category.Intimidation)]
    [InlineData("nl", "Lang werk jij hier niet meer.", Severity.Abusive, Category.Intimidation)]
    [InlineData("nl", "Ik maak jou kapot op Twitter.", Severity.Abusive, Category.Intimidation)]
    [InlineData("nl", "Je hebt een lekker stemmetje hoor.", Severity.Abusive, Category.SexualHarassment)]
    [InlineData("nl", "Ben je vrij vanavond schatje?", Severity.Abusive, Category.SexualHarassment)]
    [InlineData("nl", "Mag ik gewoon een echte Nederlander spreken?", Severity.Abusive, Category.Discrimination)]
    [InlineData("nl", "Tyfuswijf, neem op.", Severity.Abusive, Category.DiseaseCurse)]
    [InlineData("nl", "Kankerlijer, neem op.", Severity.Abusive, Category.DiseaseCurse)]
    [InlineData("nl", "Ik wil niet meer wakker worden.", Severity.None, Category.SelfHarm)]
    [InlineData("nl", "Soms wil ik er gewoon niet meer zijn.", Severity.None, Category.SelfHarm)]
    [InlineData("nl-BE", "Zijt ge single?", Severity.Abusive, Category.SexualHarassment)]
    [InlineData("nl-BE", "Ge gaat het bekopen.", Severity.Threat, Category.Threat)]
    [InlineData("nl-BE", "Dan zult gij het weten.", Severity.Threat, Category.Threat)]
    [InlineData("nl-BE", "Ge zijt een kieken.", Severity.Abusive, Category.Insult)]
    [InlineData("nl-BE", "Klotezak!", Severity.Abusive, Category.Insult)]
    public void Are_detected(string language, string text, Severity severity, Category category)
    {
        var result = Analyzer.Analyze(text, language);

        Assert.Equal(severity, result.Severity);
        Assert.Contains(category, result.Categories);
    }

    [Theory]
    [InlineData("Let op: het pakket moet rechtop staan.")]
    [InlineData("Let maar op de datum op de factuur, die klopt niet.")]
    [InlineData("Je gaat het verschil merken met de nieuwe router.")]
    [InlineData("Zodra het pakket er is zult u het weten, zei de bezorger.")]
    [InlineData("Als er nog iets is, weet ik jullie te vinden.")]
    [InlineData("Ik weet u te vinden via de app hoor, geen probleem.")]
    [InlineData("Weet u welke straat het depot in zit?")]
    [InlineData("Ik kom morgen met twee vrienden de kast ophalen, dan zien we wel of hij in de auto past.")]
    [InlineData("Ik kom langs met mijn broers om de bank op te halen.")]
    [InlineData("Mijn zoon sloeg zijn hoofd tegen de kast, de hoek is veel te scherp.")]
    [InlineData("Ik hoop dat je geen ongeluk krijgt met die gladde wegen, rij voorzichtig!")]
    [InlineData("Mijn naam en adres gaan toch niet op internet als ik een review schrijf?")]
    [InlineData("Uw naam komt op de factuur te staan.")]
    [InlineData("Ik werk hier niet lang meer, ik ga met pensioen.")]
    [InlineData("Die monteur maakte de boel kapot, ik heb foto's op Facebook gezet.")]
    [InlineData("Ik zet mijn ervaring op Facebook en Google.")]
    [InlineData("Wat een lekker stemmetje heeft mijn dochter, ze zingt in het koor.")]
    [InlineData("Ik wil een Nederlandstalige medewerker, ik spreek geen Engels.")]
    [InlineData("Ik ben vrij vanavond, kan de monteur dan komen?")]
    [InlineData("Bent u vanavond thuis? Dan kan de bezorger langskomen.")]
    [InlineData("Mijn buurman noemde me een kankerlijer omdat ik bij jullie klant ben.")]
    [InlineData("Ik voel me zo'n idioot dat ik dit contract heb getekend.")]
    [InlineData("Ik was echt een sukkel om dit te bestellen.")]
    [InlineData("Ik wil niet meer wakker worden van jullie bezorger om 6 uur 's ochtends.")]
    [InlineData("De lamp flikkert op de gang.")]
    [InlineData("Ik zet het bedrag betaald zodra ik de factuur heb.")]
    [InlineData("Ik hoef niet meer wakker te worden om 7 uur nu de levering verzet is.")]
    [InlineData("Ik sla u op in mijn contacten.")]
    [InlineData("Het kieken was lekker, maar de friet was koud.", "nl-BE")]
    [InlineData("Het kalf is ziek, de veearts komt morgen.", "nl-BE")]
    public void Stay_harmless(string text, string language = "nl")
    {
        var result = Analyzer.Analyze(text, language);

        Assert.True(result.Severity <= Severity.Tone, $"{text} -> {result.Severity} {string.Join(",", result.Spans.Select(s => s.Rule))}");
        Assert.DoesNotContain(Category.SelfHarm, result.Categories);
    }
}

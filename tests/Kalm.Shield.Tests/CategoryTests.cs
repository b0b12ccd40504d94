namespace Kalm.Shield.Tests;

public class CategoryTests
{
    private static readonly ShieldAnalyzer Analyzer = new();

    [Theory]
    [InlineData("godverdomme, alweer te laat")]
    [InlineData("wat een klote service")]
    [InlineData("Jullie zijn een stelletje prutsers")]
    [InlineData("klotebedrijf")]
    [InlineData("rotwinkel, nooit meer")]
    [InlineData("dat was een klootzak van een monteur")]
    [InlineData("allee godverdoeme zeg")]
    [InlineData("What the fuck is this service")]
    [InlineData("&*@# bedrijf")]
    public void Swearing_not_aimed_at_a_person_is_rude(string text)
    {
        var result = Analyzer.Analyze(text);

        Assert.Equal(Severity.Rude, result.Severity);
        Assert.Contains(result.Categories, c => c is Category.Profanity or Category.Insult);
    }

    [Theory]
    [InlineData("je bent een idioot")]
    [InlineData("Jij sukkel, waar blijft mijn geld")]
    [InlineData("stomme trut")]
    [InlineData("Klootzak!")]
    [InlineData("eikel")]
    [InlineData("wat een mongool ben jij")]
    [InlineData("onnozelaar dat ge zijt")]
    [InlineData("ge zijt zot")]
    [InlineData("hou je bek")]
    [InlineData("you're such an idiot")]
    [InlineData("you are useless")]
    [InlineData("shut up you moron")]
    [InlineData("Jullie medewerker zei dat het morgen kwam, klootzakken")]
    [InlineData("Ben je dom of zo?")]
    [InlineData("Ik vind je een idioot")]
    [InlineData("Jullie kunnen de pot op")]
    [InlineData("Loop naar de hel")]
    public void Insults_aimed_at_the_agent_are_abusive(string text)
    {
        var result = Analyzer.Analyze(text);

        Assert.Equal(Severity.Abusive, result.Severity);
        Assert.Contains(Category.Insult, result.Categories);
    }

    [Theory]
    [InlineData("krijg de kanker")]
    [InlineData("kanker op met je excuses")]
    [InlineData("val dood")]
    [InlineData("krijg de tering")]
    [InlineData("teringzooi hier")]
    [InlineData("Kankerlijers, waar blijft mijn pakket?")]
    [InlineData("klerelijer")]
    [InlineData("wat een kankerbedrijf")]
    [InlineData("Kanker, waar is mijn pakket?")]
    [InlineData("tyfusbedrijf")]
    [InlineData("krijg de pest")]
    [InlineData("pokkenzooi")]
    public void Disease_curses_are_abusive(string text)
    {
        var result = Analyzer.Analyze(text);

        Assert.Equal(Severity.Abusive, result.Severity);
        Assert.Contains(Category.DiseaseCurse, result.Categories);
    }

    [Theory]
    [InlineData("lekker ding")]
    [InlineData("wat heb je aan?")]
    [InlineData("kom bij me zitten schatje")]
    [InlineData("send nudes")]
    [InlineData("wil je neuken")]
    [InlineData("wanna fuck?")]
    [InlineData("je hebt vast mooie tieten")]
    public void Sexual_harassment_is_abusive(string text)
    {
        var result = Analyzer.Analyze(text);

        Assert.Equal(Severity.Abusive, result.Severity);
        Assert.Contains(Category.SexualHarassment, result.Categories);
    }

    [Theory]
    [InlineData("vuile marokkanen")]
    [InlineData("marokkanen moeten terug naar hun eigen land")]
    [InlineData("ga terug naar je eigen land")]
    [InlineData("ik haat moslims")]
    [InlineData("I hate immigrants")]
    [InlineData("Muslims are vermin")]
    [InlineData("women are disgusting")]
    [InlineData("Ik wil niet geholpen worden door die buitenlander. Stuur me iemand die normaal Nederlands praat.")]
    public void Group_hate_is_discrimination(string text)
    {
        var result = Analyzer.Analyze(text);

        Assert.True(result.Severity >= Severity.Abusive);
        Assert.Contains(Category.Discrimination, result.Categories);
    }

    [Theory]
    [InlineData("alle moslims moeten dood")]
    [InlineData("gay people should be killed")]
    [InlineData("kill all immigrants")]
    public void Calls_for_violence_against_a_group_are_discrimination_and_threat(string text)
    {
        var result = Analyzer.Analyze(text);

        Assert.Equal(Severity.Threat, result.Severity);
        Assert.Contains(Category.Discrimination, result.Categories);
        Assert.Contains(Category.Threat, result.Categories);
    }

    [Theory]
    [InlineData("ik maak jullie zwart op social media")]
    [InlineData("ik zorg dat je ontslagen wordt")]
    [InlineData("ik zet je naam op Facebook")]
    [InlineData("ik weet hoe je heet")]
    [InlineData("I'll get you fired")]
    public void Pressure_on_job_reputation_or_privacy_is_intimidation(string text)
    {
        var result = Analyzer.Analyze(text);

        Assert.Equal(Severity.Abusive, result.Severity);
        Assert.Contains(Category.Intimidation, result.Categories);
    }

    [Theory]
    [InlineData("ik weet waar je woont")]
    [InlineData("je bent nog niet jarig")]
    [InlineData("ik wacht je op na je dienst")]
    [InlineData("ik kom met een knuppel langs")]
    [InlineData("ik maak je af")]
    [InlineData("ik sla je helemaal verrot")]
    [InlineData("ik steek je neer")]
    [InlineData("je gaat eraan")]
    [InlineData("ik vermoord je")]
    [InlineData("I will kill you")]
    [InlineData("I know where you live")]
    [InlineData("watch your back")]
    [InlineData("ik weet waar ge woont")]
    [InlineData("Als mijn internet morgen niet werkt kom ik naar jullie kantoor en sla ik de boel kort en klein.")]
    [InlineData("Als dit niet opgelost wordt dan gebeuren er ongelukken")]
    [InlineData("I swear I will hurt someone if this isn't fixed")]
    public void Violence_stalking_and_doxxing_are_threats(string text)
    {
        var result = Analyzer.Analyze(text);

        Assert.Equal(Severity.Threat, result.Severity);
        Assert.Contains(Category.Threat, result.Categories);
    }

    [Theory]
    [InlineData("dan maak ik er vanavond een einde aan")]
    [InlineData("ik wil niet meer leven")]
    [InlineData("I want to kill myself")]
    [InlineData("ik denk aan zelfmoord")]
    public void Self_harm_is_reported_without_raising_severity(string text)
    {
        var result = Analyzer.Analyze(text);

        Assert.Equal(Severity.None, result.Severity);
        Assert.Equal([Category.SelfHarm], result.Categories);
        Assert.Equal(text, result.Masked);
    }

    [Theory]
    [InlineData("wat een held")]
    [InlineData("bedankt voor je geduld")]
    [InlineData("top geholpen")]
    [InlineData("je bent een topper")]
    [InlineData("thanks so much, you're a star")]
    [InlineData("merci vele malen")]
    public void Compliments_are_reported_without_raising_severity(string text)
    {
        var result = Analyzer.Analyze(text);

        Assert.Equal(Severity.None, result.Severity);
        Assert.Equal([Category.Compliment], result.Categories);
        Assert.Equal(0, result.Score);
    }

    [Theory]
    [InlineData("Super bedankt voor niets")]
    [InlineData("Thanks for nothing")]
    [InlineData("Wat een service, drie weken wachten")]
    public void Sarcastic_thanks_are_not_compliments(string text)
    {
        Assert.DoesNotContain(Category.Compliment, Analyzer.Analyze(text).Categories);
    }

    [Theory]
    [InlineData("WAAR IS MIJN PAKKET")]
    [InlineData("Waar is mijn pakket!!!")]
    [InlineData("Hallo???")]
    [InlineData("Is dit normaal?!?!")]
    [InlineData("IK WIL NU MIJN GELD TERUG")]
    public void Capitals_and_punctuation_rows_are_shouting(string text)
    {
        var result = Analyzer.Analyze(text);

        Assert.Equal(Severity.Tone, result.Severity);
        Assert.Equal([Category.Shouting], result.Categories);
        Assert.Equal(text, result.Masked);
    }

    [Fact]
    public void Shouting_abuse_takes_the_higher_severity()
    {
        var result = Analyzer.Analyze("KANKERLIJERS WAAR IS MIJN PAKKET!!!");

        Assert.Equal(Severity.Abusive, result.Severity);
        Assert.Equal([Category.DiseaseCurse, Category.Shouting], result.Categories);
    }

    [Fact]
    public void Severity_orders_findings_and_score_follows_severity()
    {
        var rude = Analyzer.Analyze("wat een klote service");
        var abusive = Analyzer.Analyze("je bent een klootzak");
        var threat = Analyzer.Analyze("ik weet waar je woont, klootzak");

        Assert.True(rude.Score < abusive.Score);
        Assert.True(abusive.Score < threat.Score);
        Assert.Equal(Severity.Threat, threat.Severity);
        Assert.Equal([Category.Insult, Category.Threat], threat.Categories);
    }
}

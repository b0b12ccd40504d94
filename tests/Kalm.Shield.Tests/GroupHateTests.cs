namespace Kalm.Shield.Tests;

/// <summary>
/// Hate against protected groups in the forms functional test suites use: glued words, stretched
/// words, implicit and negated statements, and their harmless contrast cases.
/// </summary>
public class GroupHateTests
{
    private static readonly ShieldAnalyzer Analyzer = new();

    [Theory]
    [InlineData("Vrouwenzijn waardeloos.", "nl")]
    [InlineData("ikhaatjoden", "nl")]
    [InlineData("Vluchtelingenzijn ongedierte.", "nl")]
    [InlineData("Ik haaat homooos.", "nl")]
    [InlineData("Ihate women.", "en")]
    [InlineData("Immigrants like you are absolutefilth.", "en")]
    public void Glued_and_stretched_words_still_read_as_group_hate(string text, string language)
    {
        var result = Analyzer.Analyze(text, language);

        Assert.True(result.Severity >= Severity.Abusive, $"{text}: {result.Severity}");
        Assert.Contains(Category.Discrimination, result.Categories);
    }

    [Theory]
    [InlineData("Homoos zijn walgelijk.", "nl")]
    [InlineData("Jooden zijn parasieten.", "nl")]
    [InlineData("Turkken zijn tuig.", "nl")]
    [InlineData("Musslims are rats.", "en")]
    [InlineData("I despisse women.", "en")]
    public void A_doubled_letter_in_a_group_or_hate_word_is_a_typo(string text, string language)
    {
        var result = Analyzer.Analyze(text, language);

        Assert.True(result.Severity >= Severity.Abusive, $"{text}: {result.Severity}");
        Assert.Contains(Category.Discrimination, result.Categories);
    }

    [Theory]
    [InlineData("Negeer die mail maar, ik bel morgen.", "nl")]
    [InlineData("Ik heb veel veerkracht, maar dit is te gek.", "nl")]
    [InlineData("Ik heb wallen onder mijn ogen van het wachten.", "nl")]
    [InlineData("De pollen maken me gek, stuur de luchtfilter snel.", "nl")]
    [InlineData("He rapped along to the hold music.", "en")]
    public void Real_words_one_doubled_letter_from_a_class_word_are_not_hijacked(string text, string language)
    {
        Assert.True(Analyzer.Analyze(text, language).Severity < Severity.Abusive, text);
    }

    [Fact]
    public void A_glued_curse_compound_is_split_off_and_masked()
    {
        const string Text = "jullieallemaalkankerlijers";

        var result = Analyzer.Analyze(Text, "nl");

        Assert.Equal(Severity.Abusive, result.Severity);
        var span = Assert.Single(result.Spans);
        Assert.Equal(Category.DiseaseCurse, span.Category);
        Assert.Equal("jullieallemaal".Length, span.Start);
        Assert.Equal("jullieallemaal[…]", result.Masked);
    }

    [Theory]
    [InlineData("Mijn moeder heeft vrouwenkanker.")]
    [InlineData("De moslimvrouwen van de moskee organiseren een markt.")]
    [InlineData("De dierenwinkel in de straat is dicht.")]
    [InlineData("Ik heb negerzoenen besteld.")]
    [InlineData("Ik heb kankerpijn in mijn rug.")]
    [InlineData("Ik woon in de Teringstraat 4, waar blijft mijn pakket?")]
    [InlineData("Ik woon aan de Kankerweg.")]
    [InlineData("Het pakket ligt bij de Tyfuslaan 12.")]
    public void Ordinary_compounds_are_not_split_into_hate(string text)
    {
        Assert.Equal(Severity.None, Analyzer.Analyze(text, "nl").Severity);
    }

    [Theory]
    [InlineData("Moslimszijnkanker")]
    [InlineData("Joden zijn tering.")]
    public void A_disease_word_is_still_a_hostile_attribute_of_a_group(string text)
    {
        var result = Analyzer.Analyze(text, "nl");

        Assert.True(result.Severity >= Severity.Abusive, $"{text}: {result.Severity}");
        Assert.Contains(Category.Discrimination, result.Categories);
    }

    [Theory]
    [InlineData("Ik heb een kankerhekel aan jou.")]
    [InlineData("Ik heb een kankerhekel aan Marokkanen.")]
    public void A_curse_compound_after_heb_is_not_a_diagnosis(string text)
    {
        var result = Analyzer.Analyze(text, "nl");

        Assert.Equal(Severity.Abusive, result.Severity);
        Assert.Contains(Category.DiseaseCurse, result.Categories);
    }

    [Theory]
    [InlineData("Moslims zijn nooit te vertrouwen.", Severity.Abusive)]
    [InlineData("Homo's zouden nooit voor een klas mogen staan.", Severity.Abusive)]
    [InlineData("Mijn hond is slimmer dan een gemiddelde moslim.", Severity.Abusive)]
    [InlineData("Ik vind dat vluchtelingen parasieten zijn.", Severity.Abusive)]
    [InlineData("Ik steek dat asielzoekerscentrum in de fik.", Severity.Threat)]
    [InlineData("Ik sla elke jood die ik tegenkom in elkaar.", Severity.Threat)]
    [InlineData("Ik ga die flikkers allemaal kapotslaan.", Severity.Threat)]
    [InlineData("Ik haat mietjes.", Severity.Abusive)]
    [InlineData("Gekleurde mensen zijn walgelijk.", Severity.Abusive)]
    [InlineData("Alle biseksuelen moeten dood.", Severity.Threat)]
    [InlineData("Het is duidelijk dat moslims ons land kapot maken.", Severity.Abusive)]
    [InlineData("Zwarte mensen zijn niets anders dan ongedierte.", Severity.Abusive)]
    [InlineData("Iedereen weet dat Polen lui zijn.", Severity.Abusive)]
    [InlineData("Het wordt tijd dat de Joden opgehangen worden.", Severity.Threat)]
    [InlineData("Turken stelen en liegen.", Severity.Abusive)]
    [InlineData("Joden zitten overal achter.", Severity.Abusive)]
    [InlineData("Er komen Marokkanen in de straat wonen, dus verhuis ik meteen.", Severity.Abusive)]
    [InlineData("Als er moslims in de trein zitten, houd ik mijn tas vast.", Severity.Abusive)]
    [InlineData("Ik ken geen enkele eerlijke zigeuner.", Severity.Abusive)]
    [InlineData("Een jood kun je nooit vertrouwen.", Severity.Abusive)]
    [InlineData("Mijn nicht is trans. Zulke mensen zijn gestoord.", Severity.Abusive)]
    public void Negated_praise_opinions_and_threats_against_groups_are_caught(string text, Severity expected)
    {
        var result = Analyzer.Analyze(text, "nl");

        Assert.Equal(expected, result.Severity);
        Assert.Contains(Category.Discrimination, result.Categories);
    }

    [Theory]
    [InlineData("Vrouwen zijn zeker niet minder slim dan mannen.")]
    [InlineData("Mijn collega werd door een klant uitgemaakt voor tyfuslijer.")]
    [InlineData("Ik werd op straat uitgescholden voor vuile Marokkaan en dat deed pijn.")]
    [InlineData("Mijn buurman noemde me een kankerlijer.")]
    [InlineData("Het is niet waar dat joden gierig zijn.")]
    [InlineData("Racisme tegen Marokkanen moet gewoon stoppen.")]
    [InlineData("De buurvrouw die trans is woont hiernaast.")]
    [InlineData("Ik haat het als vluchtelingen slecht behandeld worden.")]
    [InlineData("Ik haat het als mijn meiden ruzie maken.")]
    [InlineData("De kinderen van de vluchtelingen hebben het speelgoed kapot gemaakt.")]
    [InlineData("Ouderen zijn in de winter vaker ziek.")]
    [InlineData("Asielzoekers zijn vaak in gevaarlijke omstandigheden gevlucht.")]
    [InlineData("Vluchtelingen worden met geweld teruggeduwd aan de grens.")]
    [InlineData("Twee homo's zijn in Amsterdam in elkaar geslagen.")]
    [InlineData("Vluchtelingen profiteren van de nieuwe regeling.")]
    [InlineData("Geen enkele normale moslim steunt terreur.")]
    [InlineData("Sinds vluchtelingen hier bedreigd worden, durven ze niet meer naar buiten.")]
    [InlineData("Mijn oom zei vroeger dat Turken lui zijn, maar dat is onzin.")]
    [InlineData("Ik denk niet dat Marokkanen criminelen zijn.")]
    [InlineData("Ik haat Polen helemaal niet.")]
    [InlineData("Mijn zoon is homo en dat vinden sommige mensen walgelijk.")]
    [InlineData("Vluchtelingen worden slecht behandeld, ik vind het walgelijk.")]
    [InlineData("Als trotse flikker ga ik naar de Pride.")]
    public void Counter_speech_reports_and_denials_stay_clean(string text)
    {
        Assert.Equal(Severity.None, Analyzer.Analyze(text, "nl").Severity);
    }

    [Theory]
    [InlineData("Ik haat Turken helemaal niet. Maar moslims zijn ratten.", "nl")]
    [InlineData("Mijn oom zei dat Turken lui zijn, dat is onzin. Joden zijn parasieten.", "nl")]
    [InlineData("I don't hate women at all. But Muslims are rats.", "en")]
    [InlineData("Joden zijn ratten. Dat is niet racistisch, dat is gewoon zo.", "nl")]
    public void Counter_speech_does_not_cancel_hate_in_a_later_sentence_or_when_denied(string text, string language)
    {
        var result = Analyzer.Analyze(text, language);

        Assert.Equal(Severity.Abusive, result.Severity);
        Assert.Contains(Category.Discrimination, result.Categories);
    }

    [Theory]
    [InlineData("Ik haat Turken helemaal niet. Maar moslims zijn ratten.")]
    [InlineData("Ik haat moslims, echt niet normaal hoe erg.")]
    [InlineData("Ik haat joden echt.")]
    [InlineData("Ik haat joden echt heel erg niet te geloven.")]
    public void Only_a_negation_right_after_an_adverb_cancels(string text)
    {
        Assert.True(Analyzer.Analyze(text, "nl").Severity >= Severity.Abusive, text);
    }

    [Theory]
    [InlineData("Een moslim als buurman? Ik verhuis meteen.")]
    [InlineData("Een Marokkaan als schoonzoon? Dan verhuis ik naar de maan.")]
    [InlineData("Joden als collega's? Nooit.")]
    public void A_group_member_in_a_role_refused_after_a_question_is_exclusion(string text)
    {
        var result = Analyzer.Analyze(text, "nl");

        Assert.Equal(Severity.Abusive, result.Severity);
        Assert.Contains(Category.Discrimination, result.Categories);
    }

    [Theory]
    [InlineData("Een moslim als buurman? Geen probleem, ik vind het gezellig.")]
    [InlineData("Een moslim als buurman? Nooit gedacht dat het zo gezellig zou zijn.")]
    [InlineData("Ik heb een moslim als buurman. Ik verhuis volgende maand naar Utrecht.")]
    [InlineData("Een moslim als buurman? Heerlijk. Ik verhuis pas volgend jaar.")]
    [InlineData("Een moslim als buurman? Ik verhuis niet, hoor.")]
    [InlineData("Een vent als buurman? Ik verhuis meteen.")]
    public void A_question_about_a_group_member_in_a_role_is_not_hate_by_itself(string text)
    {
        Assert.Equal(Severity.None, Analyzer.Analyze(text, "nl").Severity);
    }

    [Theory]
    [InlineData("Hij zei dat moslims ratten zijn, dat is racistisch", "nl")]
    [InlineData("Moslims zijn ratten. Dat is racistisch.", "nl")]
    [InlineData("Muslims are rats. Statements like that are disgusting.", "en")]
    [InlineData("\"Muslims are rats.\" Statements like that are disgusting.", "en")]
    public void Counter_speech_cancels_its_own_and_the_quoted_sentence_before(string text, string language)
    {
        Assert.Equal(Severity.None, Analyzer.Analyze(text, language).Severity);
    }

    [Fact]
    public void A_hostile_word_in_a_statement_about_a_group_is_reported_once_as_discrimination()
    {
        var result = Analyzer.Analyze("Joden zijn parasieten.", "nl");

        Assert.Equal([Category.Discrimination], result.Categories);
    }
}

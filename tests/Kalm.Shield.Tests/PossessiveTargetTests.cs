namespace Kalm.Shield.Tests;

/// <summary>
/// "Die bezorger van jullie is een sukkel" insults the company's courier, not the reader: a second-person
/// word after "van" is a possessive, so the insult stays <c>rude</c> (an insult of the company's people), while
/// the same insult aimed at the reader stays <c>abusive</c>.
/// </summary>
public class PossessiveTargetTests
{
    private static readonly ShieldAnalyzer Analyzer = new();

    [Theory]
    [InlineData("nl", "Die bezorger van jullie is echt een sukkel.")]
    [InlineData("nl", "Die bezorger van jullie is een sukkel, het pakket lag in de regen.")]
    [InlineData("nl", "Uw collega van jullie klantenservice is een idioot.")]
    [InlineData("nl", "De monteur van u is een idioot.")]
    [InlineData("nl-BE", "Die technieker van jullie is nen echte prutser.")]
    [InlineData("nl", "Die bezorger is echt een sukkel.")]
    [InlineData("en", "That driver is such an idiot.")]
    public void An_insult_of_a_third_person_is_rude(string language, string text)
    {
        var result = Analyzer.Analyze(text, language);

        Assert.Equal(Severity.Rude, result.Severity);
        Assert.Contains(Category.Insult, result.Categories);
    }

    [Theory]
    [InlineData("nl", "Jullie zijn echt sukkels.")]
    [InlineData("nl", "Jullie zijn gewoon dom.")]
    [InlineData("nl", "Ik heb genoeg van jullie, sukkels.")]
    [InlineData("nl", "Wat een sukkel.")]
    [InlineData("nl", "Jij bent echt een sukkel.")]
    [InlineData("en", "u r such a d1ckhead")]
    [InlineData("en", "You are such an idiot.")]
    public void An_insult_of_the_reader_stays_abusive(string language, string text)
    {
        var result = Analyzer.Analyze(text, language);

        Assert.Equal(Severity.Abusive, result.Severity);
        Assert.Contains(Category.Insult, result.Categories);
    }

    [Theory]
    [InlineData("Ik steek die hele winkel van jullie in de fik.")]
    [InlineData("Ik weet waar die bezorger van jullie woont en ik maak hem af.")]
    public void A_possessive_never_cancels_a_threat(string text)
    {
        Assert.Equal(Severity.Threat, Analyzer.Analyze(text, "nl").Severity);
    }
}

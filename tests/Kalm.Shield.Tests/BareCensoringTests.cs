namespace Kalm.Shield.Tests;

/// <summary>
/// A row of asterisks standing for a word is censored swearing (rude) only in a word slot: opening a clause
/// before a second-person word ("*** jullie") or closing one after an exclamation or "bent" and an article
/// ("wat een ***"). Stars as bullets, emphasis, separators or ratings are fine.
/// </summary>
public class BareCensoringTests
{
    private static readonly ShieldAnalyzer Analyzer = new();

    [Theory]
    [InlineData("nl", "*** jullie")]
    [InlineData("nl", "*** jullie, waar blijft mijn pakket?")]
    [InlineData("nl", "Het duurt al weken. **** jullie.")]
    [InlineData("nl", "wat een ***")]
    [InlineData("nl", "Je bent een ***!")]
    [InlineData("nl", "Drie weken wachten, wat een *****.")]
    [InlineData("en", "what a ***")]
    [InlineData("en", "*** you")]
    public void Stars_in_a_word_slot_are_censored_swearing(string language, string text)
    {
        var result = Analyzer.Analyze(text, language);

        Assert.Equal(Severity.Rude, result.Severity);
        Assert.Equal([Category.Profanity], result.Categories);
        Assert.DoesNotContain("***", result.Masked, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("*belangrijk* lees dit even")]
    [InlineData("***\nNieuwe bestelling\n***")]
    [InlineData("Ik geef jullie *****")]
    [InlineData("Ik geef jullie ***!")]
    [InlineData("***** service, dank jullie")]
    [InlineData("3 sterren: ***")]
    [InlineData("Dit is een *** hotel, prima voor de prijs.")]
    [InlineData("Wat een *** bedrijf")]
    [InlineData("Het wachtwoord eindigt op *** jullie moeten het resetten")]
    [InlineData("Kaartnummer **** **** **** 1234, kunnen jullie dat controleren?")]
    public void Stars_as_bullets_separators_ratings_or_blanks_are_fine(string text)
    {
        Assert.Equal(Severity.None, Analyzer.Analyze(text, "nl").Severity);
    }
}

namespace Kalm.Shield.Tests;

/// <summary>Customer-service phrasings that batch 5 exposed: inverted word order, exposure on social media, superlative insults.</summary>
public class CustomerThreatPhrasingTests
{
    private static readonly ShieldAnalyzer Analyzer = new();

    [Theory]
    [InlineData("Als ik je zie, steek ik je neer.", Severity.Threat, Category.Threat)]
    [InlineData("Ik hoop dat je onder de trein komt.", Severity.Threat, Category.Threat)]
    [InlineData("Ik steek de hele tent in de fik als dit niet geregeld wordt.", Severity.Threat, Category.Threat)]
    [InlineData("Ik zet je op Instagram.", Severity.Abusive, Category.Intimidation)]
    [InlineData("Jij bent echt de stomste medewerker van het hele bedrijf.", Severity.Abusive, Category.Insult)]
    [InlineData("Ik praat niet met buitenlanders, verbind me door.", Severity.Abusive, Category.Discrimination)]
    public void Are_detected(string text, Severity severity, Category category)
    {
        var result = Analyzer.Analyze(text, "nl");

        Assert.Equal(severity, result.Severity);
        Assert.Contains(category, result.Categories);
    }
}

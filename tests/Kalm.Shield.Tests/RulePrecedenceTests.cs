namespace Kalm.Shield.Tests;

/// <summary>
/// A longer rule that declares <c>supersedes=threat</c> decides over a threat finding lying wholly inside its
/// match ("ik maak jullie kapot op social media" is intimidation, not violence); a threat outside that match,
/// in the same or another sentence, is never lost.
/// </summary>
public class RulePrecedenceTests
{
    private static readonly ShieldAnalyzer Analyzer = new();

    [Theory]
    [InlineData("Ik maak jullie kapot op social media.")]
    [InlineData("Ik maak jou kapot op Twitter.")]
    [InlineData("Dan maak ik je kapot op Facebook.")]
    [InlineData("We maken jullie kapot via internet!")]
    [InlineData("Ik ga jullie kapotmaken op social media.")]
    public void Destroying_someone_online_is_intimidation_not_a_threat(string text)
    {
        var result = Analyzer.Analyze(text, "nl");

        Assert.Equal(Severity.Abusive, result.Severity);
        Assert.Equal([Category.Intimidation], result.Categories);
    }

    [Theory]
    [InlineData("Ik maak je kapot.")]
    [InlineData("Ik maak je kapot. En ik maak je ook kapot op Twitter.")]
    [InlineData("Ik maak je kapot op Twitter. Daarna maak ik je echt kapot.")]
    [InlineData("Ik maak je kapot en daarna zet ik alles op Facebook.")]
    [InlineData("Ik maak je kapot op Facebook en ik steek je neer.")]
    public void A_threat_outside_the_superseding_phrase_stays_a_threat(string text)
    {
        var result = Analyzer.Analyze(text, "nl");

        Assert.Equal(Severity.Threat, result.Severity);
        Assert.Contains(Category.Threat, result.Categories);
    }

    [Theory]
    [InlineData("profanity", Severity.Threat)]
    [InlineData("threat", Severity.Rude)]
    public void Only_the_declared_categories_are_superseded(string superseded, Severity severity)
    {
        var analyzer = Analyzer.WithLexicon(
            $"> insult rude test-toneel supersedes={superseded}: ik ~2 steek ~1 @you ~1 neer ~1 in ~1 het ~1 toneelstuk");

        Assert.Equal(severity, analyzer.Analyze("Ik steek je neer in het toneelstuk", "nl").Severity);
    }

    [Fact]
    public void A_rule_without_the_flag_never_drops_a_threat()
    {
        var analyzer = Analyzer.WithLexicon("> insult rude test-lange-belediging: ik ~2 maak ~1 @you ~2 kapot ~1 sukkel");

        Assert.Equal(Severity.Threat, analyzer.Analyze("Ik maak je kapot, sukkel", "nl").Severity);
    }
}

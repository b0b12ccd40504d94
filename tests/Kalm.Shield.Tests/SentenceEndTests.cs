namespace Kalm.Shield.Tests;

/// <summary>
/// The <c>$.</c> slot: a phrase that is only hostile when it closes a sentence ("Let maar op.") must not fire
/// when a comma or colon goes on to explain a harmless warning ("Let maar op, de doos is zwaar.").
/// </summary>
public class SentenceEndTests
{
    private static readonly ShieldAnalyzer Analyzer = new();

    [Theory]
    [InlineData("Let maar op.")]
    [InlineData("Let maar op!")]
    [InlineData("Let jij maar op")]
    [InlineData("Let maar goed op!!! Ik ben het zat.")]
    [InlineData("Let maar op\nIk kom eraan")]
    [InlineData("Jullie gaan het merken.")]
    [InlineData("Je zult het voelen!")]
    [InlineData("Dan zul je wat beleven")]
    [InlineData("Let maar goed op, jullie gaan het bezuren als ik langskom.")]
    public void Indirect_threats_at_a_sentence_end_are_threats(string text)
    {
        var result = Analyzer.Analyze(text, "nl");

        Assert.Equal(Severity.Threat, result.Severity);
        Assert.Contains(Category.Threat, result.Categories);
    }

    [Theory]
    [InlineData("Let maar op, de doos is zwaar.")]
    [InlineData("Let maar goed op: de doos is zwaar.")]
    [InlineData("Let jij maar op; de trap is glad.")]
    [InlineData("Je gaat het merken, de nieuwe router is veel sneller.")]
    [InlineData("Kom in het voorjaar, dan zul je wat beleven: het park staat in bloei.")]
    public void The_same_phrase_followed_by_an_explanation_is_harmless(string text)
    {
        Assert.Equal(Severity.None, Analyzer.Analyze(text, "nl").Severity);
    }

    [Theory]
    [InlineData("pas op.", Severity.Threat)]
    [InlineData("pas op", Severity.Threat)]
    [InlineData("pas op, het is heet", Severity.None)]
    [InlineData("pas op - het is heet", Severity.None)]
    public void A_custom_rule_can_ask_for_a_sentence_end(string text, Severity severity)
    {
        var analyzer = Analyzer.WithLexicon("> threat threat test-pas-op: pas op $.");

        Assert.Equal(severity, analyzer.Analyze(text, "nl").Severity);
    }

    [Fact]
    public void A_sentence_end_cannot_open_a_pattern()
    {
        Assert.Throws<FormatException>(() => Analyzer.WithLexicon("> threat threat test-open: $. pas op"));
    }
}

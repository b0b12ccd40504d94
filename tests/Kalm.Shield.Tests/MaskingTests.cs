namespace Kalm.Shield.Tests;

public class MaskingTests
{
    private static readonly ShieldAnalyzer Analyzer = new();

    [Fact]
    public void Masking_keeps_the_facts_readable()
    {
        var result = Analyzer.Analyze("Kankerlijers, waar blijft mijn pakket 4821?");

        Assert.Equal("[…], waar blijft mijn pakket 4821?", result.Masked);
    }

    [Fact]
    public void Masking_replaces_each_abusive_span()
    {
        var result = Analyzer.Analyze("Klootzak, mijn order 77 is kut.");

        Assert.Equal("[…], mijn order 77 is […].", result.Masked);
    }

    [Fact]
    public void Shouting_self_harm_and_compliments_are_not_masked()
    {
        const string Text = "BEDANKT VOOR JE GEDULD!!! Ik wil niet meer leven.";

        var result = Analyzer.Analyze(Text);

        Assert.Equal(Text, result.Masked);
        Assert.Contains(Category.Shouting, result.Categories);
        Assert.Contains(Category.SelfHarm, result.Categories);
    }

    [Theory]
    [InlineData("Hé k\u200Ba\u200Bn\u200Bk\u200Be\u200Br, bel me", "k\u200Ba\u200Bn\u200Bk\u200Be\u200Br")]
    [InlineData("Jij 😡 ｋａｎｋｅｒ 😡 lijer", "ｋａｎｋｅｒ 😡 lijer")]
    [InlineData("🙂🙂 wat een k@nker bedrijf", "k@nker bedrijf")]
    [InlineData("Dag 𝐤𝐚𝐧𝐤𝐞𝐫 meneer", "𝐤𝐚𝐧𝐤𝐞𝐫")]
    [InlineData("Nou, t y f u s!", "t y f u s")]
    public void Spans_point_into_the_original_text(string text, string expected)
    {
        var result = Analyzer.Analyze(text);

        Assert.Contains(result.Spans, span => text.Substring(span.Start, span.Length) == expected);
    }

    [Fact]
    public void Spans_are_ordered_by_start()
    {
        var result = Analyzer.Analyze("Sukkel, ik weet waar je woont, kankerlijer!!!");

        Assert.True(result.Spans.Count >= 3);
        Assert.Equal(result.Spans.OrderBy(s => s.Start).ToList(), result.Spans);
    }
}

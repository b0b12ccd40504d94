namespace Kalm.Shield.Tests;

public class ObfuscationTests
{
    private static readonly ShieldAnalyzer Analyzer = new();

    [Theory]
    [InlineData("k@nker", "kanker")]
    [InlineData("k4nk3r", "kanker")]
    [InlineData("1d1oot", "idioot")]
    [InlineData("$hit", "shit")]
    [InlineData("sh!t", "shit")]
    [InlineData("t y f u s", "tyfus")]
    [InlineData("f.u.c.k", "fuck")]
    [InlineData("k-a-n-k-e-r", "kanker")]
    [InlineData("kaaankeeer", "kanker")]
    [InlineData("iiiidiooooot", "idioot")]
    [InlineData("f*ck", "fuck")]
    [InlineData("k*nker", "kanker")]
    [InlineData("sh*t", "shit")]
    [InlineData("kenker", "kenker")]
    [InlineData("kankur", "kankur")]
    [InlineData("tiefus", "tiefus")]
    [InlineData("tyfes", "tyfes")]
    [InlineData("kánkér", "kanker")]
    [InlineData("ＫＡＮＫＥＲ", "kanker")]
    [InlineData("кanker", "kanker")]
    [InlineData("KΑNKΕR", "kanker")]
    [InlineData("k\u200Ba\u200Bn\u200Bk\u200Be\u200Br", "kanker")]
    [InlineData("kan\u00ADker", "kanker")]
    [InlineData("klotzak", "klootzak")]
    [InlineData("kankker", "kanker")]
    public void Obfuscated_words_are_recognised(string text, string rule)
    {
        var result = Analyzer.Analyze(text);

        var span = Assert.Single(result.Spans);
        Assert.Equal(rule, span.Rule);
        Assert.Equal(0, span.Start);
        Assert.Equal(text.Length, span.Length);
        Assert.Equal("[…]", result.Masked);
    }

    [Theory]
    [InlineData("w33t waar je w00nt")]
    [InlineData("ik w e e t waar je woont")]
    [InlineData("ikweet waar je woont")]
    public void Obfuscated_phrases_are_recognised(string text)
    {
        Assert.Equal(Severity.Threat, Analyzer.Analyze(text).Severity);
    }

    [Theory]
    [InlineData("teringzooi")]
    [InlineData("kankerbedrijf")]
    [InlineData("tyfuslijer")]
    [InlineData("klerezooi")]
    [InlineData("pokkenwijf")]
    [InlineData("kankerpakket")]
    public void Dutch_curse_compounds_are_recognised(string text)
    {
        var result = Analyzer.Analyze(text);

        Assert.Equal(Severity.Abusive, result.Severity);

        // A curse compound naming a person ("pokkenwijf") is both a disease curse and an insult: one span per category, each the whole word.
        Assert.NotEmpty(result.Spans);
        Assert.All(result.Spans, span => Assert.Equal(text.Length, span.Length));
    }

    [Theory]
    [InlineData("%$#@!")]
    [InlineData("&*@#")]
    [InlineData("f***")]
    [InlineData("🖕")]
    [InlineData("🤬🤬")]
    public void Censored_symbol_runs_are_rude(string text)
    {
        var result = Analyzer.Analyze(text);

        Assert.Equal(Severity.Rude, result.Severity);
        Assert.Equal([Category.Profanity], result.Categories);
    }

    [Theory]
    [InlineData("Bestelnummer 4821, postcode 1234AB")]
    [InlineData("mail me op jan@example.nl")]
    [InlineData("Dit is *heel* belangrijk")]
    [InlineData("Kost $40, toch?")]
    public void Numbers_mail_addresses_and_emphasis_are_left_alone(string text)
    {
        Assert.Equal(Severity.None, Analyzer.Analyze(text).Severity);
    }
}

namespace Kalm.Shield.Tests;

public class CustomTermsTests
{
    [Fact]
    public void An_organisation_can_add_terms_at_run_time()
    {
        var analyzer = new ShieldAnalyzer();
        Assert.Equal(Severity.None, analyzer.Analyze("jij bent een pakketpiraat").Severity);

        var custom = analyzer.WithTerm("pakketpiraat", Category.Insult, Severity.Abusive);

        var result = custom.Analyze("jij bent een pakketpiraat");
        Assert.Equal(Severity.Abusive, result.Severity);
        Assert.Equal("pakketpiraat", Assert.Single(result.Spans).Rule);
        Assert.Equal(Severity.None, analyzer.Analyze("jij bent een pakketpiraat").Severity);
    }

    [Fact]
    public void Custom_lexicons_use_the_file_format_with_rules()
    {
        var options = new ShieldOptions();
        options.AdditionalLexicons.Add("""
            # organisation terms
            bezorgboef|bezorgboeven insult rude target=abusive
            > threat threat depot-in-brand: ik ~2 steek ~2 depot ~2 in brand
            """);
        var analyzer = new ShieldAnalyzer(options);

        Assert.Equal(Severity.Rude, analyzer.Analyze("stelletje bezorgboeven").Severity);
        Assert.Equal(Severity.Abusive, analyzer.Analyze("jij bezorgboef").Severity);
        Assert.Equal(Severity.Threat, analyzer.Analyze("ik steek jullie depot in brand").Severity);
        Assert.Equal(Severity.Abusive, analyzer.Analyze("kankerlijer").Severity);
    }

    [Fact]
    public void Built_in_lexicons_can_be_left_out()
    {
        var options = new ShieldOptions { IncludeBuiltInLexicons = false };
        options.AdditionalLexicons.Add("prutsbedrijf profanity rude");
        var analyzer = new ShieldAnalyzer(options);

        Assert.Equal(Severity.None, analyzer.Analyze("kankerlijer").Severity);
        Assert.Equal(Severity.Rude, analyzer.Analyze("wat een prutsbedrijf").Severity);
        Assert.Equal(1, analyzer.TermCount);
    }

    [Fact]
    public void A_custom_term_can_override_a_built_in_one()
    {
        var analyzer = new ShieldAnalyzer().WithLexicon("klote profanity none");

        Assert.Equal(Severity.None, analyzer.Analyze("wat een klote dag").Severity);
    }

    [Theory]
    [InlineData("kanker disease_curse")]
    [InlineData("kanker smurf abusive")]
    [InlineData("kanker insult loud")]
    [InlineData("kanker insult rude sparkle")]
    [InlineData("> threat threat broken ik weet")]
    [InlineData("> threat threat gap: ~2 ik")]
    [InlineData("> threat threat class: ik @nonexistent")]
    [InlineData("> threat threat flag sparkle: ik weet")]
    [InlineData("> counter threat flag supersedes=threat: ik weet")]
    [InlineData("> intimidation abusive flag supersedes=loud: ik weet")]
    [InlineData("> $. threat threat sentence-end-first: $. ik weet")]
    [InlineData("kan{ker insult rude")]
    public void Malformed_lexicons_are_rejected_with_the_line(string line)
    {
        var error = Assert.Throws<FormatException>(() => new ShieldAnalyzer().WithLexicon("# fine\n" + line));

        Assert.Contains("custom lexicon 1:2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_custom_term_must_be_one_plain_word()
    {
        Assert.Throws<ArgumentException>(() => new ShieldAnalyzer().WithTerm("twee woorden", Category.Insult, Severity.Rude));
    }
}

namespace Kalm.Shield.Tests;

public class LexiconFormatTests
{
    private static ShieldAnalyzer Only(string lexicon)
    {
        var options = new ShieldOptions { IncludeBuiltInLexicons = false };
        options.AdditionalLexicons.Add(lexicon);
        return new ShieldAnalyzer(options);
    }

    [Fact]
    public void Groups_and_alternatives_expand()
    {
        var analyzer = Only("rot{zooi|bedrijf}|klote profanity rude");

        Assert.Equal(3, analyzer.TermCount);
        Assert.Equal(Severity.Rude, analyzer.Analyze("wat een rotbedrijf").Severity);
        Assert.Equal(Severity.Rude, analyzer.Analyze("rotzooi").Severity);
        Assert.Equal(Severity.None, analyzer.Analyze("rot").Severity);
    }

    [Fact]
    public void Prefix_terms_match_compounds_but_not_safe_ones()
    {
        var analyzer = Only("""
            klere disease_curse abusive prefix
            !safeprefix: kleren
            """);

        Assert.Equal(Severity.Abusive, analyzer.Analyze("klerezooi").Severity);
        Assert.Equal(Severity.None, analyzer.Analyze("klerenkast").Severity);
        Assert.Equal(Severity.None, analyzer.Analyze("klerewi").Severity);
    }

    [Fact]
    public void Targeted_terms_need_a_target()
    {
        var analyzer = Only("""
            @target: jij
            zak insult none target=abusive
            """);

        Assert.Equal(Severity.None, analyzer.Analyze("een zak chips").Severity);
        Assert.Equal(Severity.Abusive, analyzer.Analyze("jij zak").Severity);
    }

    [Fact]
    public void Multi_word_slots_match_consecutive_tokens()
    {
        var analyzer = Only("> discrimination abusive eruit: buitenlanders ~2 het_land_uit");

        Assert.Equal(Severity.Abusive, analyzer.Analyze("buitenlanders moeten het land uit").Severity);
        Assert.Equal(Severity.None, analyzer.Analyze("buitenlanders moeten het land in").Severity);
    }

    [Fact]
    public void Clause_end_slot_requires_the_end_of_a_clause()
    {
        var analyzer = Only("> threat threat eraan: je gaat eraan $");

        Assert.Equal(Severity.Threat, analyzer.Analyze("je gaat eraan!").Severity);
        Assert.Equal(Severity.Threat, analyzer.Analyze("je gaat eraan, reken maar").Severity);
        Assert.Equal(Severity.None, analyzer.Analyze("je gaat eraan wennen").Severity);
    }

    [Fact]
    public void Gaps_are_bounded_and_never_skip_a_negation()
    {
        var analyzer = Only("""
            @neg: niet
            > insult abusive haat: ik ~2 haat ~1 jou
            """);

        Assert.Equal(Severity.Abusive, analyzer.Analyze("ik echt haat jou").Severity);
        Assert.Equal(Severity.None, analyzer.Analyze("ik zeg het en ik heb echt veel haat voor jou").Severity);
        Assert.Equal(Severity.None, analyzer.Analyze("ik niet haat jou").Severity);
    }

    [Fact]
    public void Fuzzy_classes_tolerate_one_typo()
    {
        var analyzer = Only("""
            @dier~: kakkerlakken
            > discrimination abusive dier: zijn @dier
            """);

        Assert.Equal(Severity.Abusive, analyzer.Analyze("zijn kakerlakken").Severity);
        Assert.Equal(Severity.Abusive, analyzer.Analyze("zijn kakkerlkaken").Severity);
        Assert.Equal(Severity.None, analyzer.Analyze("zijn akkerlakken").Severity);
    }

    [Fact]
    public void Safe_rules_hide_terms_inside_them()
    {
        var analyzer = Only("""
            pest disease_curse abusive
            > safe - idioom: de pest in
            """);

        Assert.Equal(Severity.Abusive, analyzer.Analyze("pest!").Severity);
        Assert.Equal(Severity.None, analyzer.Analyze("ik heb de pest in").Severity);
    }

    [Fact]
    public void Counter_rules_cancel_categories_in_their_sentence_and_the_one_before()
    {
        var analyzer = Only("""
            idioot insult abusive
            > counter insult gemeld: noemde
            """);

        Assert.Equal(Severity.Abusive, analyzer.Analyze("idioot").Severity);
        Assert.Equal(Severity.None, analyzer.Analyze("hij noemde mij idioot").Severity);
        Assert.Equal(Severity.None, analyzer.Analyze("idioot! Zo noemde hij mij.").Severity);
        Assert.Equal(Severity.Abusive, analyzer.Analyze("hij noemde mij zo. Maar jij bent een idioot.").Severity);
        Assert.Equal(Severity.Abusive, analyzer.Analyze("idioot. Echt waar. Dat noemde hij mij niet.").Severity);
    }

    [Fact]
    public void A_finding_across_sentences_is_cancelled_when_either_end_is_in_reach_of_counter_speech()
    {
        var analyzer = Only("""
            > discrimination abusive groep-ratten: moslims ~~4 ratten
            > counter discrimination afkeuring: walgelijk
            """);

        Assert.Equal(Severity.Abusive, analyzer.Analyze("Moslims. Ze zijn ratten.").Severity);
        Assert.Equal(Severity.None, analyzer.Analyze("Moslims. Ze zijn ratten. Walgelijk.").Severity);
        Assert.Equal(Severity.Abusive, analyzer.Analyze("Walgelijk. Moslims. Ze zijn ratten.").Severity);
    }

    [Fact]
    public void A_question_mark_slot_lets_a_pattern_run_into_the_answer()
    {
        var analyzer = Only("""
            > insult abusive vraag-antwoord: jij ~1 baas $? ~1 nooit
            """);

        Assert.Equal(Severity.Abusive, analyzer.Analyze("Jij als baas? Echt nooit.").Severity);
        Assert.Equal(Severity.None, analyzer.Analyze("Jij als baas. Echt nooit.").Severity);
        Assert.Equal(Severity.None, analyzer.Analyze("Jij als baas? Echt. Nooit.").Severity);
        Assert.Equal(Severity.None, analyzer.Analyze("Jij als baas nooit").Severity);
    }

    [Fact]
    public void A_caret_makes_a_pattern_start_a_sentence()
    {
        var analyzer = Only("""
            > insult abusive begin: ^ sukkels ~1 allemaal
            """);

        Assert.Equal(Severity.Abusive, analyzer.Analyze("Sukkels zijn allemaal").Severity);
        Assert.Equal(Severity.Abusive, analyzer.Analyze("Hallo. Sukkels zijn allemaal").Severity);
        Assert.Equal(Severity.None, analyzer.Analyze("Het zijn geen sukkels, allemaal niet").Severity);
        Assert.Equal(Severity.None, analyzer.Analyze("Ik zie sukkels ja allemaal").Severity);
    }

    [Theory]
    [InlineData("> insult abusive x: $? jij")]
    [InlineData("> insult abusive x: jij $?")]
    [InlineData("> insult abusive x: jij ^ sukkel")]
    public void Misplaced_question_and_sentence_start_slots_are_rejected(string line)
    {
        Assert.Throws<FormatException>(() => Only(line));
    }

    [Theory]
    [InlineData(null, Severity.None)]
    [InlineData("nl", Severity.None)]
    [InlineData("en", Severity.Abusive)]
    public void Strict_terms_need_their_language_hint(string? hint, Severity expected)
    {
        var analyzer = new ShieldAnalyzer();

        Assert.Equal(expected, analyzer.Analyze("you hoe", hint).Severity);
        Assert.Equal(Severity.None, analyzer.Analyze("hoe gaat het met je?", hint).Severity);
    }

    [Fact]
    public void Built_in_lexicons_are_loaded()
    {
        var analyzer = new ShieldAnalyzer();

        Assert.True(analyzer.TermCount > 500);
        Assert.True(analyzer.RuleCount > 200);
    }
}

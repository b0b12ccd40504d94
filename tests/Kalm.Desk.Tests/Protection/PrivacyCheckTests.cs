using Kalm.Desk.Protection;

namespace Kalm.Desk.Tests.Protection;

/// <summary>Finding the agent's own personal data in a reply.</summary>
public sealed class PrivacyCheckTests
{
    private static readonly AgentPrivateData Anouk = new("de Vries", "06-12345678", "'s-Hertogenbosch");

    private static List<(PrivacyFindingKind Kind, string Text)> Find(string text) =>
        [.. PrivacyCheck.FindAgentData(text, Anouk).Select(f => (f.Kind, f.Text))];

    [Fact]
    public void The_surname_is_found_as_whole_words_ignoring_case_and_spacing() =>
        Assert.Equal([(PrivacyFindingKind.Surname, "De  Vries")], Find("Met vriendelijke groet,\nAnouk De  Vries"));

    [Fact]
    public void A_longer_word_that_contains_the_surname_is_no_finding() =>
        Assert.Empty(Find("Wij leveren ook in Vriesland en de Vriesestraat."));

    [Fact]
    public void The_private_number_is_found_however_it_is_written()
    {
        Assert.Equal([(PrivacyFindingKind.PrivatePhone, "+31 6 1234 5678")], Find("Bel me gerust op +31 6 1234 5678."));
        Assert.Equal([(PrivacyFindingKind.PrivatePhone, "0612345678")], Find("Mijn nummer: 0612345678"));
        Assert.Empty(Find("Ons klantnummer is 0612345679."));
    }

    [Fact]
    public void The_home_town_is_found_with_or_without_accents_and_the_rest_is_quiet()
    {
        Assert.Equal([(PrivacyFindingKind.HomeTown, "'s-hertogenbosch")], Find("Ik woon zelf ook in 's-hertogenbosch."));
        Assert.Equal([(PrivacyFindingKind.Surname, "dé Vries")], Find("Groet, dé Vries"));
        Assert.Empty(Find("Uw pakket is onderweg en komt morgen aan."));
        Assert.Empty(PrivacyCheck.FindAgentData("de Vries in Den Bosch", new AgentPrivateData(null, null, null)));
    }
}

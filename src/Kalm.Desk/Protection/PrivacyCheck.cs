using System.Globalization;
using System.Text.RegularExpressions;
using Kalm.Desk.Data;
using Kalm.Desk.Domain;
using Microsoft.EntityFrameworkCore;

namespace Kalm.Desk.Protection;

/// <summary>What kind of personal data a reply would expose.</summary>
public enum PrivacyFindingKind
{
    /// <summary>The agent's real surname.</summary>
    Surname,

    /// <summary>The agent's private phone number.</summary>
    PrivatePhone,

    /// <summary>The town the agent lives in.</summary>
    HomeTown,

    /// <summary>A phone number Kalm knows as another customer's.</summary>
    OtherCustomerPhone,

    /// <summary>An e-mail address Kalm knows as another customer's.</summary>
    OtherCustomerEmail,
}

/// <summary>One piece of personal data found in a reply, as written there.</summary>
public sealed record PrivacyFinding(PrivacyFindingKind Kind, string Text);

/// <summary>A finding as the API and the composer name it: <paramref name="Kind"/> in snake case, such as <c>home_town</c>.</summary>
public sealed record PrivacyFindingView(string Kind, string Text);

/// <summary>The agent's personal data that must not reach a customer.</summary>
public sealed record AgentPrivateData(string? Surname, string? Phone, string? HomeTown);

/// <summary>
/// Checks a reply before it goes out: an agent under pressure can paste a signature with their real
/// name, or an answer meant for another customer. Kalm warns; the agent decides.
/// </summary>
public sealed partial class PrivacyCheck(KalmDbContext db)
{
    /// <summary>Personal data of the agent and of other customers than <paramref name="customerId"/> in <paramref name="text"/>.</summary>
    public async Task<IReadOnlyList<PrivacyFinding>> FindAsync(string text, AgentPrivateData agent, Guid customerId, CancellationToken cancellationToken)
    {
        var findings = FindAgentData(text, agent).ToList();
        var phones = PhoneCandidates(text).ToList();
        var emails = EmailPattern().Matches(text).Select(m => (Written: m.Value, Value: m.Value.ToLowerInvariant())).ToList();
        var values = phones.Select(p => p.Value).Concat(emails.Select(e => e.Value)).Distinct(StringComparer.Ordinal).ToList();
        if (values.Count == 0)
        {
            return findings;
        }

        var others = await db.CustomerIdentities.AsNoTracking()
            .Where(i => values.Contains(i.Value) && i.CustomerId != customerId)
            .Select(i => new { i.Kind, i.Value })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        findings.AddRange(phones.Where(p => others.Any(o => o.Kind != IdentityKind.Email && o.Value == p.Value))
            .Select(p => new PrivacyFinding(PrivacyFindingKind.OtherCustomerPhone, p.Written)));
        findings.AddRange(emails.Where(e => others.Any(o => o.Kind == IdentityKind.Email && o.Value == e.Value))
            .Select(e => new PrivacyFinding(PrivacyFindingKind.OtherCustomerEmail, e.Written)));
        return findings;
    }

    /// <summary>The agent's surname, home town (as whole words, ignoring case and accents) and private phone number in <paramref name="text"/>.</summary>
    public static IEnumerable<PrivacyFinding> FindAgentData(string text, AgentPrivateData agent)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(agent);
        if (FindWord(text, agent.Surname) is { } surname)
        {
            yield return new PrivacyFinding(PrivacyFindingKind.Surname, surname);
        }

        if (FindWord(text, agent.HomeTown) is { } town)
        {
            yield return new PrivacyFinding(PrivacyFindingKind.HomeTown, town);
        }

        if (IdentityNormaliser.TryNormalisePhone(agent.Phone, out var privatePhone)
            && PhoneCandidates(text).FirstOrDefault(p => p.Value == privatePhone) is { Written: { } written })
        {
            yield return new PrivacyFinding(PrivacyFindingKind.PrivatePhone, written);
        }
    }

    /// <summary>Phone-number-like runs of the text with their E.164 form.</summary>
    private static IEnumerable<(string Written, string Value)> PhoneCandidates(string text) =>
        PhonePattern().Matches(text)
            .Select(m => (Written: m.Value.Trim(), Valid: IdentityNormaliser.TryNormalisePhone(m.Value, out var phone), Value: phone))
            .Where(p => p.Valid)
            .Select(p => (p.Written, p.Value));

    private static string? FindWord(string text, string? word)
    {
        if (string.IsNullOrWhiteSpace(word) || word.Trim().Length < 2)
        {
            return null;
        }

        // "van Dijk" also matches "Van  Dijk"; word boundaries keep "Bos" out of "Bosch".
        var pattern = @"(?<![\p{L}\p{N}])" + string.Join(@"\s+", word.Trim().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(Regex.Escape)) + @"(?![\p{L}\p{N}])";
        var match = Regex.Match(Fold(text), Fold(pattern), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(200));
        return match.Success ? text.Substring(match.Index, match.Length) : null;
    }

    /// <summary>Removes accents so "Sneek" is found in "sneek" and "Pérez" in "Perez", keeping every index in place.</summary>
    private static string Fold(string value)
    {
        var folded = new char[value.Length];
        for (var i = 0; i < value.Length; i++)
        {
            var decomposed = value[i].ToString().Normalize(System.Text.NormalizationForm.FormD);
            folded[i] = decomposed.Length > 0 && CharUnicodeInfo.GetUnicodeCategory(decomposed[0]) != UnicodeCategory.NonSpacingMark ? decomposed[0] : value[i];
        }

        return new string(folded);
    }

    [GeneratedRegex(@"(?<![\w+])(?:\+|00)?\d[\d \-.()/]{7,16}\d(?!\w)", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();
}

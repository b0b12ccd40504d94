using System.ComponentModel.DataAnnotations;
using Kalm.Desk.Data;
using Kalm.Desk.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kalm.Desk.Protection;

/// <summary>A helpline an agent refers a customer in crisis to.</summary>
public sealed class CareLine
{
    [Required]
    [MaxLength(200)]
    public string Name { get; set; } = string.Empty;

    [Required]
    [MaxLength(50)]
    public string Phone { get; set; } = string.Empty;

    [MaxLength(500)]
    public string? Url { get; set; }

    /// <summary>The international dialling prefix of the country, such as <c>+31</c>, to pick the line from the customer's phone number.</summary>
    [MaxLength(8)]
    public string? DiallingCode { get; set; }
}

/// <summary>
/// <c>Kalm:Care</c>: the helplines per country (ISO code) shown when a customer may harm themselves.
/// Configuration adds countries or overrides the defaults, such as <c>Kalm:Care:Countries:BE:Phone</c>.
/// </summary>
public sealed class CareOptions
{
    public const string Section = "Kalm:Care";

    /// <summary>The country whose line is shown when the customer's country is not known.</summary>
    [Required]
    public string DefaultCountry { get; set; } = "NL";

    public Dictionary<string, CareLine> Countries { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["NL"] = new() { Name = "113 Zelfmoordpreventie", Phone = "0800-0113", Url = "https://www.113.nl", DiallingCode = "+31" },
        ["BE"] = new() { Name = "Zelfmoordlijn 1813", Phone = "1813", Url = "https://www.zelfmoord1813.be", DiallingCode = "+32" },
    };
}

/// <summary>
/// The care route: a message with Shield's <c>self_harm</c> signal is about the customer's safety, not
/// the agent's. It is never counted as abuse, a supervisor is alerted at once, and the agent gets the
/// care protocol with the helpline of the customer's country.
/// </summary>
public sealed class CareRoute(KalmDbContext db, IOptions<CareOptions> options)
{
    /// <summary>Shield's category name for the welfare signal.</summary>
    public const string SelfHarm = "self_harm";

    /// <summary>The helpline for a customer known by <paramref name="phones"/> (E.164): by dialling code, else the default country.</summary>
    public static CareLine LineFor(IEnumerable<string> phones, CareOptions options)
    {
        ArgumentNullException.ThrowIfNull(phones);
        ArgumentNullException.ThrowIfNull(options);
        foreach (var phone in phones)
        {
            var line = options.Countries.Values.FirstOrDefault(l => l.DiallingCode is { Length: > 0 } code && phone.StartsWith(code, StringComparison.Ordinal));
            if (line is not null)
            {
                return line;
            }
        }

        return options.Countries[options.DefaultCountry];
    }

    /// <summary>The helpline for customer <paramref name="customerId"/>.</summary>
    public async Task<CareLine> LineForCustomerAsync(Guid customerId, CancellationToken cancellationToken)
    {
        var phones = await db.CustomerIdentities.AsNoTracking()
            .Where(i => i.CustomerId == customerId && (i.Kind == IdentityKind.Phone || i.Kind == IdentityKind.WhatsApp))
            .Select(i => i.Value)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return LineFor(phones, options.Value);
    }
}

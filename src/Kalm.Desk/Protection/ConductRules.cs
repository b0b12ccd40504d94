using System.ComponentModel.DataAnnotations;
using Kalm.Shield;

namespace Kalm.Desk.Protection;

/// <summary><c>Kalm:Conduct</c>: the rules that set a customer's conduct level. Rules, not moods.</summary>
public sealed class ConductOptions
{
    public const string Section = "Kalm:Conduct";

    /// <summary>Rude-or-worse messages within 30 days that make a customer one to approach with caution.</summary>
    [Range(1, 1000)]
    public int CautionAfterRudeIn30Days { get; set; } = 3;

    /// <summary>Abusive messages within 365 days that make a customer one to approach with caution.</summary>
    [Range(1, 1000)]
    public int CautionAfterAbusiveIn365Days { get; set; } = 1;

    /// <summary>Abusive messages within 90 days that make a customer hostile.</summary>
    [Range(1, 1000)]
    public int HostileAfterAbusiveIn90Days { get; set; } = 2;

    /// <summary>Threats (messages or incidents) within 365 days that make a customer dangerous.</summary>
    [Range(1, 1000)]
    public int DangerousAfterThreatsIn365Days { get; set; } = 1;

    /// <summary>What the channel tells a blocked customer whose message was received but not taken into the queues.</summary>
    [Required]
    [MaxLength(2000)]
    public string BlockedNotice { get; set; } =
        "Wij hebben uw bericht ontvangen. Vanwege eerder gedrag tegenover onze medewerkers nemen wij uw berichten op dit moment niet in behandeling.";
}

/// <summary>One hostile act counted by the rules: a message Shield flagged, or a registered incident.</summary>
public readonly record struct ConductEvent(DateTimeOffset At, Severity Severity);

/// <summary>Applies <see cref="ConductOptions"/> to a customer's history.</summary>
public static class ConductRules
{
    public static ConductLevel Evaluate(IEnumerable<ConductEvent> history, DateTimeOffset now, ConductOptions options)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(options);
        int rude30 = 0, abusive90 = 0, abusive365 = 0, threats365 = 0;
        foreach (var item in history)
        {
            var age = now - item.At;
            if (age > TimeSpan.FromDays(365) || item.Severity < Severity.Rude)
            {
                continue;
            }

            if (item.Severity >= Severity.Threat)
            {
                threats365++;
            }

            if (item.Severity >= Severity.Abusive)
            {
                abusive365++;
                abusive90 += age <= TimeSpan.FromDays(90) ? 1 : 0;
            }

            rude30 += age <= TimeSpan.FromDays(30) ? 1 : 0;
        }

        return threats365 >= options.DangerousAfterThreatsIn365Days ? ConductLevel.Dangerous
            : abusive90 >= options.HostileAfterAbusiveIn90Days ? ConductLevel.Hostile
            : abusive365 >= options.CautionAfterAbusiveIn365Days || rude30 >= options.CautionAfterRudeIn30Days ? ConductLevel.Caution
            : ConductLevel.None;
    }
}

using System.ComponentModel.DataAnnotations;
using Kalm.Desk.Wellbeing;

namespace Kalm.Desk.Routing;

/// <summary><c>Kalm:Routing</c>: whether and how queues hand conversations to agents.</summary>
public sealed class RoutingOptions
{
    public const string Section = "Kalm:Routing";

    /// <summary>Whether Kalm assigns waiting conversations to available agents; off, agents pick from the queue themselves.</summary>
    public bool Enabled { get; set; } = true;

    public RoutingPolicy Policy { get; set; } = RoutingPolicy.Protective;

    /// <summary>Minutes after a hostile contact during which an agent gets no other hostile one while someone else is free.</summary>
    [Range(0, 24 * 60)]
    public int HostileCooldownMinutes { get; set; } = 20;

    /// <summary>
    /// Seconds a hostile call or chat may wait for a rested agent while only agents in cooldown or over
    /// the exposure limit are free. Under the 20-second service-level target, so holding costs little
    /// service level: longer holds protected hardly better in the simulator and cost up to 5 points.
    /// </summary>
    [Range(0, 600)]
    public int HostileHoldSeconds { get; set; } = 15;

    /// <summary>
    /// Seconds a threatening call or chat may wait for a rested agent. Longer than for abuse: a threat
    /// weighs most on whoever takes it, and threats are few, so the service level hardly notices.
    /// </summary>
    [Range(0, 600)]
    public int ThreatHoldSeconds { get; set; } = 60;

    /// <summary>Minutes a hostile e-mail, WhatsApp or API message may wait for a rested agent: written contacts are not answered within seconds anyway.</summary>
    [Range(0, 24 * 60)]
    public int HostileHoldWrittenMinutes { get; set; } = 20;

    /// <summary>A queue counts as hostile-heavy when at least this share of its conversations of the last 7 days had an abusive or threatening message.</summary>
    [Range(0.01, 1)]
    public double HostileQueueShare { get; set; } = 0.15;

    /// <summary>Minutes per shift an agent works a hostile-heavy queue before routing rotates them to other work while others are free.</summary>
    [Range(15, 24 * 60)]
    public int MaxHostileQueueMinutesPerShift { get; set; } = 120;

    /// <summary>The skill that marks agents trained to de-escalate; hostile contacts prefer them.</summary>
    [Required]
    [MaxLength(100)]
    public string DeEscalationSkill { get; set; } = "de-escalatie";

    /// <summary>How often the router looks at every queue besides reacting to changes, so nothing waits for an event that never comes.</summary>
    [Range(1, 3600)]
    public int SweepSeconds { get; set; } = 15;

    /// <summary>The handle-time guideline in seconds, for reports and for wait estimates while there is no history.</summary>
    [Range(30, 4 * 3600)]
    public int HandleTimeGuidelineSeconds { get; set; } = 450;

    /// <summary>The engine these options and <paramref name="wellbeing"/> describe.</summary>
    public RoutingEngine CreateEngine(WellbeingOptions wellbeing, RoutingPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(wellbeing);
        return new RoutingEngine(policy ?? Policy, this, wellbeing.SuggestBreakAt);
    }
}

using System.ComponentModel.DataAnnotations;
using Kalm.Shield;

namespace Kalm.Desk.Wellbeing;

/// <summary>
/// <c>Kalm:Wellbeing</c>: how much a hostile contact weighs on an agent, how fast that fades, and
/// when Kalm suggests a break. Computed from customers' messages only, for the agent's wellbeing.
/// </summary>
public sealed class WellbeingOptions
{
    public const string Section = "Kalm:Wellbeing";

    /// <summary>Weight of a contact whose worst message Shield rated rude.</summary>
    [Range(0, 100)]
    public double RudeWeight { get; set; } = 1;

    /// <summary>Weight of a contact whose worst message Shield rated abusive.</summary>
    [Range(0, 100)]
    public double AbusiveWeight { get; set; } = 3;

    /// <summary>Weight of a contact whose worst message Shield rated a threat.</summary>
    [Range(0, 100)]
    public double ThreatWeight { get; set; } = 8;

    /// <summary>Minutes in which the level halves while the agent is at work.</summary>
    [Range(1, 24 * 60)]
    public double HalfLifeMinutes { get; set; } = 60;

    /// <summary>Minutes in which the level halves during a break (or while away or offline): faster, because a break helps.</summary>
    [Range(1, 24 * 60)]
    public double BreakHalfLifeMinutes { get; set; } = 20;

    /// <summary>The level at which Kalm suggests a break or calmer work to the agent.</summary>
    [Range(0.1, 1000)]
    public double SuggestBreakAt { get; set; } = 8;

    /// <summary>The level at which the supervisors are told even if the agent has not asked for a break.</summary>
    [Range(0.1, 1000)]
    public double AlertSupervisorAt { get; set; } = 14;

    /// <summary>How long the one-click time-out after a bad contact lasts.</summary>
    [Range(1, 120)]
    public int TimeOutMinutes { get; set; } = 10;

    /// <summary>The weight a contact of <paramref name="severity"/> adds; zero for tone and below.</summary>
    public double WeightOf(Severity severity) => severity switch
    {
        Severity.Rude => RudeWeight,
        Severity.Abusive => AbusiveWeight,
        Severity.Threat => ThreatWeight,
        _ => 0,
    };
}

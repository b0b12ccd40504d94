using Kalm.Shield;

namespace Kalm.Desk.Wellbeing;

/// <summary>
/// One hostile contact that weighed on an agent: the agent handled a conversation in which the
/// customer was rude or worse. A conversation counts once per agent at its worst severity; when it
/// gets worse later, a second hit adds only the difference in weight.
/// </summary>
public sealed class ExposureHit
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string AgentId { get; set; }

    public Guid ConversationId { get; set; }

    /// <summary>The message that made the contact this hostile, when one did (not when a hostile conversation was handed over).</summary>
    public Guid? MessageId { get; set; }

    public Severity Severity { get; set; }

    /// <summary>The weight added to the agent's level at <see cref="At"/>.</summary>
    public double Weight { get; set; }

    public DateTimeOffset At { get; set; }
}

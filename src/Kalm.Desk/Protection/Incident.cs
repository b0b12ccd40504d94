using Kalm.Desk.Domain;
using Kalm.Shield;

namespace Kalm.Desk.Protection;

public enum IncidentStatus
{
    /// <summary>Created by Kalm from a threat; an agent or supervisor completes it.</summary>
    Draft,

    /// <summary>Completed by the agent who experienced it.</summary>
    Registered,

    /// <summary>Followed up and closed by a supervisor.</summary>
    Closed,
}

/// <summary>
/// Aggression against an agent, registered for follow-up, the employer's risk inventory and trend
/// signals. Shield pre-fills what it can; the agent adds what only they know.
/// </summary>
public sealed class Incident
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public IncidentStatus Status { get; set; }

    /// <summary>True when Kalm drafted it from a threatening message.</summary>
    public bool Automatic { get; set; }

    public Guid? CustomerId { get; set; }

    public Customer? Customer { get; set; }

    public Guid? ConversationId { get; set; }

    public Guid? MessageId { get; set; }

    public Guid? TeamId { get; set; }

    public Channel Channel { get; set; }

    /// <summary>Shield's category names, such as <c>threat</c> or <c>disease_curse</c>.</summary>
    public List<string> Categories { get; set; } = [];

    public Severity Severity { get; set; }

    /// <summary>The words as the customer wrote or said them, for the record.</summary>
    public string? QuotedText { get; set; }

    /// <summary>What happened, in the agent's words.</summary>
    public string? Description { get; set; }

    public bool ConversationEnded { get; set; }

    public bool ThreatenedInPerson { get; set; }

    public bool WantsFollowUpTalk { get; set; }

    public bool PoliceReportNeeded { get; set; }

    /// <summary>The agent it happened to; null for an automatic draft of an unassigned conversation.</summary>
    public string? AgentId { get; set; }

    public string? RegisteredById { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? RegisteredAt { get; set; }
}

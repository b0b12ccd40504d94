namespace Kalm.Desk.Domain;

/// <summary>One state change of a conversation: the audit trail and the timeline.</summary>
public sealed class ConversationEvent
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ConversationId { get; set; }

    public Conversation? Conversation { get; set; }

    public DateTimeOffset At { get; set; }

    public ConversationEventKind Kind { get; set; }

    /// <summary>The agent who caused the change; null for the customer, an integration or the system.</summary>
    public string? ActorAgentId { get; set; }

    /// <summary>A readable name of who caused the change, kept even when the agent account is gone.</summary>
    public string? ActorName { get; set; }

    /// <summary>Details of the change, such as <c>from</c> and <c>to</c>.</summary>
    public Dictionary<string, string?> Data { get; set; } = [];
}

using Kalm.Shield;

namespace Kalm.Desk.Domain;

/// <summary>A thread with one customer on one channel.</summary>
public sealed class Conversation
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Channel Channel { get; set; }

    public string? Subject { get; set; }

    public ConversationStatus Status { get; set; } = ConversationStatus.New;

    public ConversationPriority Priority { get; set; } = ConversationPriority.Normal;

    public Guid CustomerId { get; set; }

    public Customer? Customer { get; set; }

    /// <summary>The queue the conversation waits in.</summary>
    public Guid? TeamId { get; set; }

    public Team? Team { get; set; }

    public string? AssigneeId { get; set; }

    public AgentUser? Assignee { get; set; }

    public List<string> Tags { get; set; } = [];

    public int TransferCount { get; set; }

    /// <summary>A reference in another system, such as an order or ticket number.</summary>
    public string? ExternalReference { get; set; }

    /// <summary>The highest Shield severity of any inbound message so far, so lists can filter on it.</summary>
    public Severity HighestSeverity { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset LastMessageAt { get; set; }

    public DateTimeOffset? FirstResponseAt { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>Time agents spent working on the conversation, as recorded by the workspace.</summary>
    public TimeSpan HandleTime { get; set; }

    public ICollection<Message> Messages { get; set; } = [];

    public ICollection<ConversationEvent> Events { get; set; } = [];

    /// <summary>Resolved and closed conversations take no new messages; a new inbound message starts a new one.</summary>
    public bool IsOpen => Status is not (ConversationStatus.Resolved or ConversationStatus.Closed);

    /// <summary>
    /// Adds a state change to the timeline. Saved with the change itself, in the same
    /// <c>SaveChanges</c>, so the audit trail never misses or invents a change.
    /// </summary>
    /// <param name="at">When it happened.</param>
    /// <param name="kind">What happened.</param>
    /// <param name="actorAgentId">The agent who did it; null for the customer, an integration or the system.</param>
    /// <param name="actorName">A readable name of who did it.</param>
    /// <param name="data">Details such as <c>from</c> and <c>to</c>.</param>
    public ConversationEvent Record(
        DateTimeOffset at,
        ConversationEventKind kind,
        string? actorAgentId,
        string? actorName,
        Dictionary<string, string?>? data = null)
    {
        // Changes made in one go share a timestamp; a microsecond apart (PostgreSQL's precision)
        // they keep the order in which they were recorded on the timeline.
        while (Events.Any(e => e.At == at))
        {
            at = at.AddTicks(TimeSpan.TicksPerMicrosecond);
        }

        var recorded = new ConversationEvent
        {
            ConversationId = Id,
            At = at,
            Kind = kind,
            ActorAgentId = actorAgentId,
            ActorName = actorName,
            Data = data ?? [],
        };
        Events.Add(recorded);
        return recorded;
    }
}

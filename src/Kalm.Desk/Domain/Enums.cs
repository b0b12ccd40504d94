using System.Text.Json.Serialization;

namespace Kalm.Desk.Domain;

/// <summary>The way a conversation reaches the desk.</summary>
public enum Channel
{
    Email,
    Chat,

    [JsonStringEnumMemberName("whatsapp")]
    WhatsApp,
    Phone,
    Api,
}

/// <summary>Where a conversation is in its life.</summary>
public enum ConversationStatus
{
    New,
    Open,
    Pending,
    Resolved,
    Closed,
}

/// <summary>How urgent a conversation is.</summary>
public enum ConversationPriority
{
    Low,
    Normal,
    High,
    Urgent,
}

/// <summary>Who a message is for: the customer, the agents only, or the timeline.</summary>
public enum MessageDirection
{
    Inbound,
    Outbound,
    Note,
    System,
}

/// <summary>An agent's availability.</summary>
public enum Presence
{
    Available,
    Busy,
    Break,
    Away,
    Offline,
}

/// <summary>The kind of handle a customer is known by on a channel.</summary>
public enum IdentityKind
{
    Email,
    Phone,

    [JsonStringEnumMemberName("whatsapp")]
    WhatsApp,
    ChatVisitor,
}

/// <summary>What happened to a conversation; one value per kind of state change in the timeline.</summary>
public enum ConversationEventKind
{
    Created,
    MessageReceived,
    ReplySent,
    NoteAdded,
    Assigned,
    Unassigned,
    Transferred,
    StatusChanged,
    PriorityChanged,
    TagsChanged,
    CustomerChanged,

    /// <summary>An agent revealed the original text of a masked message; kept so reveals can be reviewed.</summary>
    OriginalRevealed,

    /// <summary>An agent asked the supervisors on duty to look at the conversation.</summary>
    SupervisorAlerted,

    /// <summary>Kalm drafted an incident from a threatening message and alerted the supervisors.</summary>
    IncidentDrafted,

    /// <summary>An agent registered (or completed) an incident from this conversation.</summary>
    IncidentRegistered,

    /// <summary>A blocked customer's message was stored and kept out of the queues.</summary>
    HeldFromQueues,

    /// <summary>The customer may harm themselves: the care route applies and supervisors were alerted.</summary>
    CareNeeded,
}

/// <summary>What a reply template is for; the composer groups templates by it.</summary>
public enum TemplateKind
{
    General,

    /// <summary>Calms a conversation down without giving in to abuse.</summary>
    DeEscalation,

    /// <summary>The standard polite text that ends a conversation that crossed the line.</summary>
    EndConversation,
}

/// <summary>The role names used for authorisation.</summary>
public static class Roles
{
    public const string Agent = "Agent";
    public const string Supervisor = "Supervisor";
    public const string Admin = "Admin";

    public static IReadOnlyList<string> All { get; } = [Agent, Supervisor, Admin];
}

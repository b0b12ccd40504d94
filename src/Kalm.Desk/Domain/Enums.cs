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
}

/// <summary>The role names used for authorisation.</summary>
public static class Roles
{
    public const string Agent = "Agent";
    public const string Supervisor = "Supervisor";
    public const string Admin = "Admin";

    public static IReadOnlyList<string> All { get; } = [Agent, Supervisor, Admin];
}

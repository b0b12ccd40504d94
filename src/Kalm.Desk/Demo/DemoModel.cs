using Kalm.Desk.Domain;

namespace Kalm.Desk.Demo;

internal sealed record DemoTeam(string Name, string Description, int SortOrder, Channel[] Channels, string[] RequiredSkills);

internal sealed record DemoAgent(
    string DisplayName,
    string PublicAlias,
    string Email,
    string Role,
    string[] Teams,
    string[] Skills,
    string[] Languages,
    Presence Presence);

internal sealed record DemoCustomer(string Key, string Name, string? Email, string? Phone, string? Notes = null);

/// <summary>A demo conversation; <paramref name="StartedAgo"/> is relative to the moment of seeding.</summary>
internal sealed record DemoConversation(
    string Customer,
    Channel Channel,
    string Team,
    string? Subject,
    ConversationStatus Status,
    TimeSpan StartedAgo,
    DemoMessage[] Messages,
    string? Assignee = null,
    ConversationPriority Priority = ConversationPriority.Normal,
    string[]? Tags = null);

/// <summary>One message, <paramref name="After"/> the start of its conversation; agent messages name their author by e-mail.</summary>
internal sealed record DemoMessage(MessageDirection Direction, TimeSpan After, string Text, string? Agent = null);

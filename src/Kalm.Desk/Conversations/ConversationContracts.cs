using Kalm.Desk.Domain;

namespace Kalm.Desk.Conversations;

/// <summary>One row of the conversation list.</summary>
/// <param name="Preview">The start of the customer's latest message, masked when Shield masked it.</param>
public sealed record ConversationSummary(
    Guid Id,
    Channel Channel,
    string? Subject,
    ConversationStatus Status,
    ConversationPriority Priority,
    Guid CustomerId,
    string? CustomerName,
    Guid? TeamId,
    string? TeamName,
    string? AssigneeId,
    string? AssigneeAlias,
    int TransferCount,
    string HighestSeverity,
    IReadOnlyList<string> Tags,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastMessageAt,
    string? Preview = null);

/// <summary>A page of conversations, newest activity first.</summary>
public sealed record ConversationPage(IReadOnlyList<ConversationSummary> Items, int Page, int PageSize, int Total);

/// <summary>A message as agents and integrations see it, with Shield's analysis.</summary>
/// <param name="Html">The mail's HTML as received, unsanitised: clients must sanitise it before showing it.</param>
public sealed record MessageView(
    Guid Id,
    MessageDirection Direction,
    string? AuthorName,
    string Text,
    string? Html,
    string? MaskedText,
    string Severity,
    IReadOnlyList<string> Categories,
    IReadOnlyList<AnalysisSpan> Spans,
    DateTimeOffset SentAt)
{
    /// <summary>The e-mail side of a message that came or went through a mailbox; null for other messages.</summary>
    public Channels.Email.MailState? Mail { get; init; }

    /// <summary>The files that came with the message.</summary>
    public IReadOnlyList<AttachmentView> Attachments { get; init; } = [];
}

/// <summary>One attached file of a message.</summary>
/// <param name="ContentType">The type Kalm sniffed from the bytes, not the one the sender claimed.</param>
/// <param name="TooLarge">Above a size limit: only this metadata was kept.</param>
/// <param name="DownloadUrl">Where an agent downloads the stored bytes; null when they were not stored.</param>
public sealed record AttachmentView(Guid? Id, string FileName, string ContentType, long Size, bool TooLarge, string? DownloadUrl);

/// <summary>One entry of the timeline: who changed what, and when.</summary>
public sealed record EventView(DateTimeOffset At, ConversationEventKind Kind, string? ActorAgentId, string? ActorName, IReadOnlyDictionary<string, string?> Data);

/// <summary>A conversation with its messages and timeline.</summary>
public sealed record ConversationDetail(
    ConversationSummary Conversation,
    DateTimeOffset? FirstResponseAt,
    DateTimeOffset? ResolvedAt,
    IReadOnlyList<MessageView> Messages,
    IReadOnlyList<EventView> Events);

/// <summary>A reply to the customer or an internal note.</summary>
/// <param name="ConfirmPrivacy">Send a reply even though the privacy check found personal data in it.</param>
public sealed record TextRequest(string? Text, bool ConfirmPrivacy = false);

/// <summary>Assign to an agent, or unassign with a null <paramref name="AgentId"/>.</summary>
public sealed record AssignRequest(string? AgentId);

/// <summary>Move the conversation to another queue (team), another agent, or both.</summary>
public sealed record TransferRequest(Guid? TeamId, string? AgentId, string? Reason);

/// <summary>The conversation's complete set of tags; they are stored lower-case.</summary>
public sealed record TagsRequest(IReadOnlyList<string?>? Tags);

/// <summary>Why the agent asks a supervisor to look, optional.</summary>
public sealed record AlertRequest(string? Reason);

/// <summary>A new status: new, open, pending, resolved or closed.</summary>
public sealed record StatusRequest(string? Status);

/// <summary>The conversation after a change, with a warning when a policy was stretched.</summary>
public sealed record ChangeResult(ConversationSummary Conversation, string? Warning = null);

/// <summary>What a conversation list is narrowed to; null members do not filter.</summary>
/// <param name="Assignee"><c>me</c>, <c>none</c> or an agent id.</param>
/// <param name="MinimumSeverity">The least severe conversation to include, by its most hostile message.</param>
/// <param name="MyTeams">Only conversations in the queues of the signed-in agent's teams.</param>
/// <param name="OpenOnly">Leave out resolved and closed conversations.</param>
public sealed record ConversationFilter(
    Guid? Team = null,
    ConversationStatus? Status = null,
    string? Assignee = null,
    Channel? Channel = null,
    Kalm.Shield.Severity? MinimumSeverity = null,
    Guid? Customer = null,
    string? Text = null,
    bool MyTeams = false,
    bool OpenOnly = false);

using Kalm.Shield;

namespace Kalm.Desk.Domain;

/// <summary>One message in a conversation, with the Shield analysis of its text.</summary>
public sealed class Message
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ConversationId { get; set; }

    public Conversation? Conversation { get; set; }

    /// <summary>Copied from the conversation so the channel's message id is unique per channel.</summary>
    public Channel Channel { get; set; }

    /// <summary>The id the channel gave the message (Message-ID, WhatsApp wamid, external id): the dedupe key.</summary>
    public string? ChannelMessageId { get; set; }

    public MessageDirection Direction { get; set; }

    /// <summary>The agent who wrote an outbound message or note; null for customer and system messages.</summary>
    public string? AuthorAgentId { get; set; }

    public AgentUser? AuthorAgent { get; set; }

    /// <summary>The name shown with the message: the customer's name or the agent's public alias.</summary>
    public string? AuthorName { get; set; }

    public required string Text { get; set; }

    /// <summary>Sanitised HTML of a mail body; never raw HTML from the sender.</summary>
    public string? Html { get; set; }

    public List<AttachmentInfo> Attachments { get; set; } = [];

    /// <summary>When the channel says the message was sent.</summary>
    public DateTimeOffset SentAt { get; set; }

    /// <summary>When the desk stored it.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    public Severity Severity { get; set; }

    /// <summary>Stable Shield category names such as <c>insult</c>.</summary>
    public List<string> Categories { get; set; } = [];

    public List<AnalysisSpan> Spans { get; set; } = [];

    public double HostilityScore { get; set; }

    /// <summary>The text with abuse masked; null when nothing was masked or the message was not analysed.</summary>
    public string? MaskedText { get; set; }

    /// <summary>Copies a Shield analysis onto this message.</summary>
    public void ApplyAnalysis(Analysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        Categories = [.. analysis.Categories.Select(c => c.ToName())];

        // A customer who may harm themselves needs care, not a conduct record: whatever else Shield
        // found, the message is never counted, listed or drafted as abuse.
        Severity = Categories.Contains(Protection.CareRoute.SelfHarm) ? Severity.None : analysis.Severity;
        Spans = [.. analysis.Spans.Select(s => new AnalysisSpan(s.Start, s.Length, s.Category.ToName(), s.Rule))];
        HostilityScore = analysis.Score;
        MaskedText = analysis.Masked == Text ? null : analysis.Masked;
    }
}

/// <summary>Metadata of an attached file; the content lives in the attachment store.</summary>
/// <param name="StorageKey">The id of the <see cref="MessageAttachment"/> that holds the bytes; null when they were not stored.</param>
/// <param name="TooLarge">The attachment was above a size limit, so only this metadata was kept.</param>
public sealed record AttachmentInfo(string FileName, string ContentType, long Size, string? StorageKey = null, bool TooLarge = false);

/// <summary>A Shield finding as stored with a message.</summary>
public sealed record AnalysisSpan(int Start, int Length, string Category, string Rule);

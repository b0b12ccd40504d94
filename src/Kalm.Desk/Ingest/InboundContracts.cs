namespace Kalm.Desk.Ingest;

/// <summary>A customer message delivered by an integration.</summary>
/// <param name="Channel">email, chat, whatsapp, phone or api.</param>
/// <param name="ExternalId">The sender's id for this message; sending it again returns the stored message.</param>
/// <param name="From">Who wrote it: at least an e-mail address or a phone number.</param>
/// <param name="Subject">Used when the message starts a conversation.</param>
/// <param name="Text">The message text.</param>
/// <param name="ReceivedAt">When the channel received it; defaults to now.</param>
public sealed record InboundMessageRequest(
    string? Channel,
    string? ExternalId,
    InboundSender? From,
    string? Subject,
    string? Text,
    DateTimeOffset? ReceivedAt);

/// <summary>The sender of an inbound message.</summary>
public sealed record InboundSender(string? Name, string? Email, string? Phone);

/// <summary>Where the message was stored and what Shield found in it.</summary>
public sealed record InboundMessageResponse(Guid ConversationId, Guid MessageId, InboundAnalysis Analysis)
{
    /// <summary>The customer is blocked: the message was stored but kept out of the queues.</summary>
    public bool Blocked { get; init; }

    /// <summary>What the channel should tell the customer, when Kalm has something to say (a block).</summary>
    public string? Notice { get; init; }
}

/// <summary>Shield's verdict in stable names: severity <c>none</c>…<c>threat</c>, categories such as <c>insult</c>.</summary>
public sealed record InboundAnalysis(string Severity, IReadOnlyList<string> Categories);

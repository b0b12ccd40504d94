using System.Text;
using Kalm.Desk.Domain;

namespace Kalm.Desk.Ingest;

/// <summary>An inbound message that passed validation, with its handles normalised.</summary>
/// <param name="VisitorId">The web-chat visitor who wrote it, known by the <see cref="IdentityKind.ChatVisitor"/> identity.</param>
public sealed record ValidInboundMessage(
    Channel Channel,
    string ExternalId,
    string? Name,
    string? Email,
    string? Phone,
    string? Subject,
    string Text,
    DateTimeOffset? ReceivedAt,
    string? VisitorId = null)
{
    /// <summary>A conversation the channel threaded the message into (e-mail references); used while it exists.</summary>
    public Guid? ConversationId { get; init; }

    /// <summary>The team whose queue gets a new conversation; null: the channel's default team.</summary>
    public Guid? TeamId { get; init; }

    /// <summary>
    /// How much of <see cref="Text"/> Shield reads: e-mail stops before the quoted history, so an old
    /// quote neither flags a polite reply nor hides the new part of an abusive one. Null: all of it.
    /// </summary>
    public int? AnalyzedLength { get; init; }

    /// <summary>Sanitised HTML of a mail body.</summary>
    public string? Html { get; init; }

    /// <summary>Attachments; those with content are stored with the message, in the same transaction.</summary>
    public IReadOnlyList<InboundAttachment> Attachments { get; init; } = [];
}

/// <summary>Why an inbound message was refused, as an HTTP status and a sentence for the caller.</summary>
public sealed record InboundRejection(int Status, string Detail);

public static class InboundValidation
{
    public const int MaxExternalIdLength = 500;
    public const int MaxSubjectLength = 500;
    public const int MaxNameLength = 200;

    /// <summary>The channel names the API accepts, lower-case as in the JSON.</summary>
    public static IReadOnlyDictionary<string, Channel> ChannelNames { get; } = new Dictionary<string, Channel>(StringComparer.OrdinalIgnoreCase)
    {
        ["email"] = Channel.Email,
        ["chat"] = Channel.Chat,
        ["whatsapp"] = Channel.WhatsApp,
        ["phone"] = Channel.Phone,
        ["api"] = Channel.Api,
    };

    public static bool TryValidate(
        InboundMessageRequest request,
        int maxTextBytes,
        out ValidInboundMessage message,
        out InboundRejection rejection)
    {
        ArgumentNullException.ThrowIfNull(request);
        message = null!;
        rejection = null!;

        if (string.IsNullOrWhiteSpace(request.Channel) || !ChannelNames.TryGetValue(request.Channel.Trim(), out var channel))
        {
            rejection = BadRequest(string.IsNullOrWhiteSpace(request.Channel)
                ? $"'channel' is required; use one of: {string.Join(", ", ChannelNames.Keys)}."
                : $"Unknown channel '{request.Channel}'; use one of: {string.Join(", ", ChannelNames.Keys)}.");
            return false;
        }

        var externalId = request.ExternalId?.Trim();
        if (string.IsNullOrEmpty(externalId) || externalId.Length > MaxExternalIdLength)
        {
            rejection = BadRequest($"'externalId' is required and at most {MaxExternalIdLength} characters: it is how a retry is recognised.");
            return false;
        }

        string? email = null;
        string? phone = null;
        var from = request.From;
        if (!string.IsNullOrWhiteSpace(from?.Email) && !IdentityNormaliser.TryNormaliseEmail(from.Email, out email!))
        {
            rejection = BadRequest($"'from.email' is not an e-mail address: '{from.Email}'.");
            return false;
        }

        if (!string.IsNullOrWhiteSpace(from?.Phone) && !IdentityNormaliser.TryNormalisePhone(from.Phone, out phone!))
        {
            rejection = BadRequest($"'from.phone' is not a phone number: '{from.Phone}'. Use +31612345678 or 0612345678.");
            return false;
        }

        if (email is null && phone is null)
        {
            rejection = BadRequest("'from' needs an e-mail address or a phone number to find or create the customer.");
            return false;
        }

        if (string.IsNullOrWhiteSpace(request.Text))
        {
            rejection = BadRequest("'text' is required and may not be empty.");
            return false;
        }

        var textBytes = Encoding.UTF8.GetByteCount(request.Text);
        if (textBytes > maxTextBytes)
        {
            rejection = new InboundRejection(
                StatusCodes.Status413PayloadTooLarge,
                $"'text' is {textBytes} bytes; the limit is {maxTextBytes} bytes (Kalm:Ingest:MaxTextBytes).");
            return false;
        }

        var subject = request.Subject?.Trim();
        if (subject?.Length > MaxSubjectLength)
        {
            rejection = BadRequest($"'subject' is longer than {MaxSubjectLength} characters.");
            return false;
        }

        var name = from?.Name?.Trim();
        if (name?.Length > MaxNameLength)
        {
            rejection = BadRequest($"'from.name' is longer than {MaxNameLength} characters.");
            return false;
        }

        message = new ValidInboundMessage(
            channel,
            externalId,
            string.IsNullOrEmpty(name) ? null : name,
            email,
            phone,
            string.IsNullOrEmpty(subject) ? null : subject,
            request.Text,
            request.ReceivedAt);
        return true;
    }

    private static InboundRejection BadRequest(string detail) => new(StatusCodes.Status400BadRequest, detail);
}

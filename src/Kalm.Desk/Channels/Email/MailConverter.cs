using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Kalm.Desk.Conversations;
using Kalm.Desk.Domain;
using MimeKit;

namespace Kalm.Desk.Channels.Email;

/// <summary>What Kalm reads from one inbound mail.</summary>
/// <param name="RfcMessageId">The Message-ID without brackets, or a hash of the mail when it has none.</param>
/// <param name="References">In-Reply-To and References, and for a bounce the Message-ID of the returned mail.</param>
/// <param name="AnalyzedLength">Where the quoted history starts: Shield reads only the text before it.</param>
/// <param name="ThreadRef">A <c>[#ref]</c> from the subject, Kalm's own conversation reference.</param>
/// <param name="Errors">What could not be read; empty for a clean mail.</param>
public sealed record ReadMail(
    string RfcMessageId,
    string? FromName,
    string? FromEmail,
    string? Subject,
    string Text,
    int AnalyzedLength,
    string? Html,
    IReadOnlyList<InboundAttachment> Attachments,
    AutomaticMail Automatic,
    IReadOnlyList<string> References,
    string? ThreadRef,
    DateTimeOffset? Date,
    IReadOnlyList<string> Errors);

/// <summary>Limits on what Kalm accepts from a mailbox (<c>Kalm:Email</c>).</summary>
public sealed class EmailOptions
{
    public const string Section = "Kalm:Email";

    /// <summary>Mails above this size are not downloaded; a placeholder with an error flag is stored.</summary>
    public long MaxMessageBytes { get; set; } = 25 * 1024 * 1024;

    /// <summary>Attachments above this size are listed but flagged as too large; their bytes are not stored.</summary>
    public long MaxAttachmentBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>
    /// The most attachment bytes stored for one mail. Attachments are stored in order until the next
    /// one would pass this; it and any later ones that do not fit are listed as too large.
    /// </summary>
    public long MaxMailAttachmentBytes { get; set; } = 25 * 1024 * 1024;

    /// <summary>Whether the poller and the outbox run in the background; tests drive them directly.</summary>
    public bool Workers { get; set; } = true;

    /// <summary>How often the poller looks for mailboxes that are due.</summary>
    public TimeSpan PollTick { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the outbox looks for replies to send.</summary>
    public TimeSpan OutboxTick { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait between two attempts to send one reply.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The desk's public address, for links in mail (the survey); without it no survey mail is sent.</summary>
    public Uri? PublicUrl { get; set; }

    /// <summary>How long the link in a survey mail works.</summary>
    public TimeSpan SurveyLinkLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Only conversations resolved this recently get a survey mail, so connecting a mailbox does not survey old history.</summary>
    public TimeSpan SurveyWindow { get; set; } = TimeSpan.FromDays(2);
}

/// <summary>
/// Turns a MIME message into what the ingest pipeline stores: plain text (full, with the length
/// Shield reads), sanitised HTML, attachment metadata, automatic-mail recognition and the
/// references that thread a reply. It never throws for a bad mail; it reports what it could not read.
/// </summary>
public sealed partial class MailConverter(MailHtmlSanitizer sanitizer, Microsoft.Extensions.Options.IOptions<EmailOptions> options)
{
    private const int MaxTextChars = 100_000;

    /// <summary>Reads <paramref name="mail"/>.</summary>
    public ReadMail Read(MimeMessage mail)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var errors = new List<string>();
        var from = mail.From.Mailboxes.FirstOrDefault() ?? mail.Sender;

        string text;
        string? html = null;
        try
        {
            CheckCharsets(mail, errors);
            CheckStructure(mail.Body, errors);
            html = mail.HtmlBody;
            text = mail.TextBody ?? (html is null ? string.Empty : TextOf(html));
        }
        catch (Exception exception) when (exception is FormatException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            errors.Add("The body could not be read: " + exception.Message);
            text = string.Empty;
        }

        text = text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (text.Length > MaxTextChars)
        {
            errors.Add($"The text was cut at {MaxTextChars} characters.");
            text = text[..MaxTextChars];
        }

        if (text.Length == 0)
        {
            text = errors.Count > 0 ? "(Kalm kon de tekst van deze e-mail niet lezen.)" : "(lege e-mail)";
        }

        var automatic = Automatic(mail);
        var references = new List<string>();
        if (mail.InReplyTo is { Length: > 0 } inReplyTo)
        {
            references.Add(inReplyTo);
        }

        references.AddRange(mail.References);
        if (automatic == AutomaticMail.Bounce)
        {
            references.AddRange(ReturnedMessageIds(mail));
        }

        return new ReadMail(
            RfcMessageId: string.IsNullOrWhiteSpace(mail.MessageId) ? Hash(mail) : mail.MessageId.Trim(),
            FromName: string.IsNullOrWhiteSpace(from?.Name) ? null : from.Name.Trim(),
            FromEmail: from?.Address,
            Subject: mail.Subject,
            Text: text,
            AnalyzedLength: QuoteStart(text),
            Html: html is null ? null : sanitizer.Sanitize(html).Html,
            Attachments: Attachments(mail, errors),
            Automatic: automatic,
            References: [.. references.Distinct(StringComparer.Ordinal)],
            ThreadRef: SubjectReference().Match(mail.Subject ?? string.Empty) is { Success: true } match ? match.Groups[1].Value.ToLowerInvariant() : null,
            Date: mail.Date == DateTimeOffset.MinValue ? null : mail.Date,
            Errors: errors);
    }

    /// <summary>The short reference Kalm writes into subjects: the random tail of the conversation id.</summary>
    public static string ThreadRefOf(Guid conversationId) => conversationId.ToString("N")[^8..];

    /// <summary>Recognises auto-replies and delivery reports, which must never be answered automatically.</summary>
    public static AutomaticMail Automatic(MimeMessage mail)
    {
        ArgumentNullException.ThrowIfNull(mail);
        if (mail.Body is MultipartReport report
            && string.Equals(report.ReportType, "delivery-status", StringComparison.OrdinalIgnoreCase))
        {
            return AutomaticMail.Bounce;
        }

        var headers = mail.Headers;
        var autoSubmitted = headers[HeaderId.AutoSubmitted];
        if (!string.IsNullOrWhiteSpace(autoSubmitted) && !autoSubmitted.Trim().Equals("no", StringComparison.OrdinalIgnoreCase))
        {
            return AutomaticMail.AutoReply;
        }

        var precedence = headers[HeaderId.Precedence]?.Trim().ToLowerInvariant();
        if (precedence is "bulk" or "junk" or "auto_reply" or "list")
        {
            return AutomaticMail.AutoReply;
        }

        return headers.Contains("X-Autoreply") || headers.Contains("X-Autorespond") || headers.Contains("X-Autoresponder")
            ? AutomaticMail.AutoReply
            : AutomaticMail.None;
    }

    /// <summary>
    /// Where the quoted history starts: the first quoted line or reply header ("Op … schreef",
    /// "On … wrote:", an Outlook "Van:/From:" block, "Original Message"). The text before it is new.
    /// </summary>
    public static int QuoteStart(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n');
        var offset = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd();
            var quoted = line.StartsWith('>')
                || ReplyHeader().IsMatch(line)
                || Separator().IsMatch(line)
                || (OutlookFrom().IsMatch(line) && lines.Skip(i + 1).Take(4).Any(next => OutlookField().IsMatch(next)));
            if (quoted)
            {
                var start = text[..offset].TrimEnd().Length;
                return start == 0 ? text.Length : start;
            }

            offset += lines[i].Length + 1;
        }

        return text.Length;
    }

    private static void CheckCharsets(MimeMessage mail, List<string> errors)
    {
        foreach (var part in mail.BodyParts.OfType<TextPart>())
        {
            if (part.ContentType.Charset is { Length: > 0 } charset && !KnownCharset(charset))
            {
                errors.Add($"Unknown charset '{charset}'; the text was read as best as possible.");
            }
        }
    }

    private static bool KnownCharset(string charset)
    {
        try
        {
            Encoding.GetEncoding(charset);
            return true;
        }
        catch (NotSupportedException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The text of an HTML-only mail, read from the sanitised HTML so a script's source never becomes text.</summary>
    private string TextOf(string html)
    {
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(sanitizer.Sanitize(html).Html);
        foreach (var element in document.QuerySelectorAll("br, p, div, li, tr, h1, h2, h3, h4, h5, h6, blockquote"))
        {
            element.AppendChild(document.CreateTextNode("\n"));
        }

        return MultipleBlankLines().Replace(document.Body?.TextContent ?? string.Empty, "\n\n").Trim();
    }

    private static void CheckStructure(MimeEntity? body, List<string> errors)
    {
        switch (body)
        {
            case null:
                errors.Add("The mail has no body.");
                break;
            case Multipart { Count: 0 } multipart:
                errors.Add($"The {multipart.ContentType.MimeType} part has no parts (a missing or wrong boundary).");
                break;
            case Multipart multipart:
                foreach (var child in multipart)
                {
                    CheckStructure(child, errors);
                }

                break;
        }
    }

    private List<InboundAttachment> Attachments(MimeMessage mail, List<string> errors)
    {
        var limits = options.Value;
        var found = new List<InboundAttachment>();
        long storedBytes = 0;
        foreach (var part in mail.Attachments.OfType<MimePart>())
        {
            var name = part.FileName ?? "bijlage";
            try
            {
                using var content = part.Content?.Open() ?? Stream.Null;
                var room = Math.Min(limits.MaxAttachmentBytes, limits.MaxMailAttachmentBytes - storedBytes);
                var head = new byte[16];
                var headLength = content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
                var (bytes, size) = ReadUpTo(content, head.AsSpan(0, headLength), room);
                var info = new AttachmentInfo(name, Sniff(head.AsSpan(0, headLength), part.ContentType.MimeType), size);
                if (bytes is null)
                {
                    errors.Add(size > limits.MaxAttachmentBytes
                        ? $"Attachment '{name}' is {size} bytes, above the limit of {limits.MaxAttachmentBytes}; it was not stored."
                        : $"Attachment '{name}' ({size} bytes) passes the limit of {limits.MaxMailAttachmentBytes} attachment bytes per mail; it was not stored.");
                    info = info with { TooLarge = true };
                }
                else
                {
                    storedBytes += size;
                }

                found.Add(new InboundAttachment(info, bytes));
            }
            catch (Exception exception) when (exception is FormatException or IOException or InvalidOperationException)
            {
                errors.Add($"Attachment '{name}' could not be read: {exception.Message}");
            }
        }

        return found;
    }

    /// <summary>
    /// The decoded bytes when they fit in <paramref name="limit"/>, else null; and the full size either way,
    /// counted without keeping what does not fit.
    /// </summary>
    private static (byte[]? Bytes, long Size) ReadUpTo(Stream stream, ReadOnlySpan<byte> head, long limit)
    {
        using var kept = new MemoryStream();
        if (head.Length <= limit)
        {
            kept.Write(head);
        }

        var buffer = new byte[81920];
        long total = head.Length;
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            total += read;
            if (total <= limit)
            {
                kept.Write(buffer, 0, read);
            }
            else if (kept.Length > 0)
            {
                // Over the limit: let go of what was kept, only the size is still needed.
                kept.SetLength(0);
                kept.Capacity = 0;
            }
        }

        return (total <= limit ? kept.ToArray() : null, total);
    }

    /// <summary>The type the bytes show, because a sender's declared type is only a claim.</summary>
    public static string Sniff(ReadOnlySpan<byte> head, string declared)
    {
        if (head.StartsWith("%PDF-"u8))
        {
            return "application/pdf";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G']))
        {
            return "image/png";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return "image/jpeg";
        }

        if (head.StartsWith("GIF8"u8))
        {
            return "image/gif";
        }

        if (head.StartsWith("PK\u0003\u0004"u8))
        {
            // Office documents are zip files; keep their declared type when it says so.
            return declared.Contains("openxmlformats", StringComparison.OrdinalIgnoreCase) ? declared : "application/zip";
        }

        if (head.StartsWith("MZ"u8))
        {
            return "application/x-msdownload";
        }

        return declared.StartsWith("text/", StringComparison.OrdinalIgnoreCase) ? declared : "application/octet-stream";
    }

    private static IEnumerable<string> ReturnedMessageIds(MimeMessage mail)
    {
        foreach (var entity in mail.BodyParts)
        {
            if (entity is MessagePart { Message.MessageId: { Length: > 0 } returned })
            {
                yield return returned;
            }
            else if (entity is TextPart { ContentType.MimeType: var type } headersPart
                && type.Equals("text/rfc822-headers", StringComparison.OrdinalIgnoreCase))
            {
                using var stream = new MemoryStream(Encoding.UTF8.GetBytes(headersPart.Text + "\r\n\r\n"));
                var headers = HeaderList.Load(stream);
                if (headers[HeaderId.MessageId] is { Length: > 0 } id)
                {
                    yield return id.Trim().Trim('<', '>');
                }
            }
        }
    }

    private static string Hash(MimeMessage mail)
    {
        using var stream = new MemoryStream();
        mail.WriteTo(stream);
        return "sha256-" + Convert.ToHexStringLower(SHA256.HashData(stream.ToArray())) + "@kalm.invalid";
    }

    [GeneratedRegex(@"\n\s*\n\s*\n+")]
    private static partial Regex MultipleBlankLines();

    [GeneratedRegex(@"\[#([0-9a-fA-F]{8})\]")]
    private static partial Regex SubjectReference();

    [GeneratedRegex(@"^\s*(Op|On|Am|Le)\s.{4,200}(schreef|wrote|schrieb|a écrit)[^:]{0,40}:\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex ReplyHeader();

    [GeneratedRegex(@"^\s*-{2,}\s*(Original Message|Oorspronkelijk bericht|Origineel bericht|Forwarded message|Doorgestuurd bericht)", RegexOptions.IgnoreCase)]
    private static partial Regex Separator();

    [GeneratedRegex(@"^\s*\*?(From|Van):\*?\s+\S", RegexOptions.IgnoreCase)]
    private static partial Regex OutlookFrom();

    [GeneratedRegex(@"^\s*\*?(Sent|Verzonden|Date|Datum|To|Aan|Subject|Onderwerp):", RegexOptions.IgnoreCase)]
    private static partial Regex OutlookField();
}

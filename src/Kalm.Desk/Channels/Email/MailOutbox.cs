using System.Text.RegularExpressions;
using Kalm.Desk.Data;
using Kalm.Desk.Domain;
using MailKit;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Kalm.Desk.Channels.Email;

/// <summary>What one run of the outbox did.</summary>
public sealed record OutboxResult(int Sent, int Failed);

/// <summary>
/// Sends replies on e-mail conversations through the mailbox's SMTP server. A reply is queued as
/// an outbound <see cref="EmailRecord"/> in the database, so it survives a restart and a failing
/// server: attempts back off exponentially and the last error stays visible on the record.
/// </summary>
public sealed partial class MailOutbox(
    KalmDbContext db,
    MailConnections connections,
    SurveyMailer surveys,
    Microsoft.Extensions.Options.IOptions<EmailOptions> options,
    TimeProvider time,
    ILogger<MailOutbox> logger)
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(30);

    /// <summary>Queues agent replies on mail conversations, then sends every queued mail that is due.</summary>
    public async Task<OutboxResult> SendDueAsync(CancellationToken cancellationToken)
    {
        await QueueRepliesAsync(cancellationToken).ConfigureAwait(false);
        await surveys.QueueAsync(cancellationToken).ConfigureAwait(false);

        var now = time.GetUtcNow();
        var due = await db.EmailRecords
            .Where(r => r.Outbound && r.SentAt == null && r.NextAttemptAt <= now)
            .OrderBy(r => r.CreatedAt)
            .Take(50)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        int sent = 0, failed = 0;
        foreach (var group in due.GroupBy(r => r.MailboxId))
        {
            var mailbox = await db.Mailboxes.AsNoTracking().SingleAsync(m => m.Id == group.Key, cancellationToken).ConfigureAwait(false);
            SmtpClient? client = null;
            try
            {
                foreach (var record in group)
                {
                    var message = await db.Messages.SingleAsync(m => m.Id == record.Id, cancellationToken).ConfigureAwait(false);
                    try
                    {
                        client ??= await connections.OpenSmtpAsync(mailbox, cancellationToken).ConfigureAwait(false);
                        await client.SendAsync(Compose(mailbox, record, message), cancellationToken).ConfigureAwait(false);
                        record.SentAt = time.GetUtcNow();
                        record.LastError = null;
                        record.NextAttemptAt = null;
                        message.ChannelMessageId = MailFetcher.ExternalId(mailbox.Id, record.RfcMessageId);
                        sent++;
                    }
                    catch (Exception exception) when (exception is IOException or SmtpCommandException or SmtpProtocolException or ServiceNotConnectedException
                        or MailKit.Security.AuthenticationException or System.Net.Sockets.SocketException or InvalidOperationException)
                    {
                        record.Attempts++;
                        var delay = TimeSpan.FromTicks(Math.Min(FirstRetry.Ticks * (1L << Math.Min(record.Attempts - 1, 20)), options.Value.MaxRetryDelay.Ticks));
                        record.NextAttemptAt = time.GetUtcNow() + delay;
                        record.LastError = exception.Message.Length > 1000 ? exception.Message[..1000] : exception.Message;
                        logger.LogWarning(exception, "Sending mail {MessageId} from {Mailbox} failed (attempt {Attempt}); retrying in {Delay}", record.RfcMessageId, mailbox.Name, record.Attempts, delay);
                        failed++;
                        client?.Dispose();
                        client = null;
                    }

                    // Saved per mail: a mail that left must never be sent again after a crash.
                    await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                if (client is not null)
                {
                    await client.DisconnectAsync(true, CancellationToken.None).ConfigureAwait(false);
                    client.Dispose();
                }
            }
        }

        return new OutboxResult(sent, failed);
    }

    /// <summary>An outbound record for <paramref name="message"/>, answering the mail <paramref name="inReplyTo"/>.</summary>
    public static EmailRecord Queue(Mailbox mailbox, Message message, string to, string? subject, string? inReplyTo, IEnumerable<string> references, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        ArgumentNullException.ThrowIfNull(message);
        var chain = references.Append(inReplyTo).OfType<string>().Distinct(StringComparer.Ordinal).TakeLast(20);
        var threadRef = MailConverter.ThreadRefOf(message.ConversationId);
        var domain = mailbox.FromAddress.Contains('@', StringComparison.Ordinal) ? mailbox.FromAddress[(mailbox.FromAddress.LastIndexOf('@') + 1)..] : "kalm.local";
        return new EmailRecord
        {
            Id = message.Id,
            MailboxId = mailbox.Id,
            ConversationId = message.ConversationId,
            Outbound = true,
            RfcMessageId = $"{message.Id:N}@{domain}",
            References = string.Join(' ', chain),
            To = to,
            Subject = $"Re: {ReplyPrefix().Replace(ThreadRefPattern().Replace(subject ?? "Uw bericht", string.Empty), string.Empty).Trim()} [#{threadRef}]",
            ThreadRef = threadRef,
            NextAttemptAt = now,
            CreatedAt = now,
        };
    }

    private async Task QueueRepliesAsync(CancellationToken cancellationToken)
    {
        // Agent replies on conversations that came in through a mailbox; older e-mail conversations
        // (the API, the demo) have no mailbox to answer from.
        var replies = await db.Messages
            .Where(m => m.Channel == Channel.Email && m.Direction == MessageDirection.Outbound
                && !db.EmailRecords.Any(r => r.Id == m.Id)
                && db.EmailRecords.Any(r => r.ConversationId == m.ConversationId && !r.Outbound))
            .OrderBy(m => m.CreatedAt)
            .Take(100)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (replies.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        foreach (var reply in replies)
        {
            var last = await db.EmailRecords.AsNoTracking()
                .Where(r => r.ConversationId == reply.ConversationId && !r.Outbound && r.Automatic == AutomaticMail.None)
                .OrderByDescending(r => r.CreatedAt)
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false)
                ?? await db.EmailRecords.AsNoTracking()
                    .Where(r => r.ConversationId == reply.ConversationId && !r.Outbound)
                    .OrderByDescending(r => r.CreatedAt)
                    .FirstAsync(cancellationToken).ConfigureAwait(false);
            var mailbox = await db.Mailboxes.AsNoTracking().SingleAsync(m => m.Id == last.MailboxId, cancellationToken).ConfigureAwait(false);
            var conversation = await db.Conversations.AsNoTracking()
                .Where(c => c.Id == reply.ConversationId)
                .Select(c => new { c.Subject, Email = c.Customer!.Identities.Where(i => i.Kind == IdentityKind.Email).Select(i => i.Value).FirstOrDefault() })
                .SingleAsync(cancellationToken).ConfigureAwait(false);
            var record = Queue(mailbox, reply, conversation.Email ?? string.Empty, conversation.Subject ?? last.Subject, last.RfcMessageId,
                (last.References ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries), now);
            // A mail without a usable sender was filed under a placeholder address that no server accepts.
            if (conversation.Email is null || conversation.Email.EndsWith(".invalid", StringComparison.OrdinalIgnoreCase))
            {
                record.NextAttemptAt = null;
                record.LastError = "The customer has no e-mail address to answer.";
            }

            db.EmailRecords.Add(record);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    private static MimeMessage Compose(Mailbox mailbox, EmailRecord record, Message message)
    {
        var mail = new MimeMessage { MessageId = record.RfcMessageId, Subject = record.Subject ?? string.Empty, Date = message.CreatedAt };
        mail.From.Add(new MailboxAddress(message.AuthorName ?? mailbox.Name, mailbox.FromAddress));
        mail.To.Add(MailboxAddress.Parse(record.To ?? throw new InvalidOperationException("The reply has no recipient.")));
        var references = (record.References ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (references.Length > 0)
        {
            mail.InReplyTo = references[^1];
            foreach (var reference in references)
            {
                mail.References.Add(reference);
            }
        }

        if (record.Automatic == AutomaticMail.Survey)
        {
            // Not an answer to the customer's mail but Kalm's own invitation: robots must not answer it either.
            mail.Headers.Add(HeaderId.AutoSubmitted, "auto-generated");
        }
        else if (message.Direction != MessageDirection.Outbound)
        {
            // Kalm's own acknowledgement: other robots must not answer it, or two robots loop.
            mail.Headers.Add(HeaderId.AutoSubmitted, "auto-replied");
        }

        var text = string.IsNullOrWhiteSpace(mailbox.Signature) ? message.Text : $"{message.Text}\n\n-- \n{mailbox.Signature}";
        mail.Body = new TextPart(MimeKit.Text.TextFormat.Plain) { Text = text };
        return mail;
    }

    [GeneratedRegex(@"^\s*((re|antw|aw|fw|fwd|doorst)\s*:\s*)+", RegexOptions.IgnoreCase)]
    private static partial Regex ReplyPrefix();

    [GeneratedRegex(@"\s*\[#[0-9a-fA-F]{8}\]")]
    private static partial Regex ThreadRefPattern();
}

using System.Security.Cryptography;
using System.Text;
using Kalm.Desk.Data;
using Kalm.Desk.Domain;
using Kalm.Desk.Ingest;
using MailKit;
using MailKit.Search;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Kalm.Desk.Channels.Email;

/// <summary>What one poll of a mailbox did.</summary>
public sealed record PollResult(int Stored, int AlreadyStored, int WithErrors);

/// <summary>One lock per mailbox, so the poller and an admin's "fetch now" never read a folder twice at once.</summary>
public sealed class MailboxLocks
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, SemaphoreSlim> _locks = new();

    /// <summary>The lock of <paramref name="mailboxId"/>.</summary>
    public SemaphoreSlim For(Guid mailboxId) => _locks.GetOrAdd(mailboxId, _ => new SemaphoreSlim(1, 1));
}

/// <summary>
/// Fetches new mail of one mailbox over IMAP and stores it through the ingest pipeline. The order
/// is what makes it safe: store (idempotent on the Message-ID per mailbox), then flag \Seen on the
/// server, then move the UID checkpoint. A crash anywhere re-reads at most the mails after the
/// checkpoint, which the dedupe key recognises; nothing is lost and nothing is stored twice.
/// </summary>
public sealed class MailFetcher(
    KalmDbContext db,
    InboundMessageService ingest,
    MailConnections connections,
    MailConverter converter,
    MailboxLocks locks,
    Routing.QueueEstimates estimates,
    Microsoft.Extensions.Options.IOptions<EmailOptions> options,
    TimeProvider time,
    ILogger<MailFetcher> logger)
{
    /// <summary>The ingest <c>via</c> of mail fetched from a mailbox.</summary>
    public const string Via = "imap";

    /// <summary>Fetches and stores the mail that arrived since the last poll.</summary>
    public async Task<PollResult> PollAsync(Guid mailboxId, CancellationToken cancellationToken)
    {
        var gate = locks.For(mailboxId);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var mailbox = await db.Mailboxes.SingleAsync(m => m.Id == mailboxId, cancellationToken).ConfigureAwait(false);
            try
            {
                var result = await FetchAsync(mailbox, cancellationToken).ConfigureAwait(false);
                mailbox.LastError = null;
                return result;
            }
            catch (Exception exception) when (exception is IOException or MailKit.Net.Imap.ImapProtocolException or MailKit.Net.Imap.ImapCommandException
                or MailKit.Security.AuthenticationException or System.Net.Sockets.SocketException or ServiceNotConnectedException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "Polling mailbox {Mailbox} failed", mailbox.Name);
                mailbox.LastError = Limit(exception.Message, 1000);
                return new PollResult(0, 0, 0);
            }
            finally
            {
                mailbox.LastPolledAt = time.GetUtcNow();
                await db.SaveChangesAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<PollResult> FetchAsync(Mailbox mailbox, CancellationToken cancellationToken)
    {
        using var client = await connections.OpenImapAsync(mailbox, cancellationToken).ConfigureAwait(false);
        var folder = await client.GetFolderAsync(mailbox.Folder, cancellationToken).ConfigureAwait(false);
        await folder.OpenAsync(FolderAccess.ReadWrite, cancellationToken).ConfigureAwait(false);
        if (folder.UidValidity != mailbox.UidValidity)
        {
            // The server renumbered the folder: read it again from the start; the dedupe key keeps it single.
            mailbox.UidValidity = folder.UidValidity;
            mailbox.LastUid = 0;
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        var after = new UniqueId((uint)Math.Min(mailbox.LastUid + 1, uint.MaxValue));
        var uids = (await folder.SearchAsync(SearchQuery.Uids(new UniqueIdRange(after, UniqueId.MaxValue)), cancellationToken).ConfigureAwait(false))
            .Where(uid => uid.Id > mailbox.LastUid)
            .OrderBy(uid => uid.Id)
            .ToList();
        if (uids.Count == 0)
        {
            await client.DisconnectAsync(true, cancellationToken).ConfigureAwait(false);
            return new PollResult(0, 0, 0);
        }

        var summaries = await folder.FetchAsync(uids, MessageSummaryItems.UniqueId | MessageSummaryItems.Size | MessageSummaryItems.Envelope, cancellationToken).ConfigureAwait(false);
        int stored = 0, again = 0, withErrors = 0;
        foreach (var summary in summaries.OrderBy(s => s.UniqueId.Id))
        {
            var read = await ReadAsync(folder, summary, cancellationToken).ConfigureAwait(false);
            var created = await StoreAsync(mailbox, summary.UniqueId, read, cancellationToken).ConfigureAwait(false);
            stored += created ? 1 : 0;
            again += created ? 0 : 1;
            withErrors += read.Errors.Count > 0 ? 1 : 0;

            // Only now that the mail is committed is it marked on the server and the checkpoint moved.
            await folder.AddFlagsAsync(summary.UniqueId, MessageFlags.Seen, true, cancellationToken).ConfigureAwait(false);
            mailbox.LastUid = summary.UniqueId.Id;
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        await client.DisconnectAsync(true, cancellationToken).ConfigureAwait(false);
        return new PollResult(stored, again, withErrors);
    }

    private async Task<ReadMail> ReadAsync(IMailFolder folder, IMessageSummary summary, CancellationToken cancellationToken)
    {
        var sender = summary.Envelope?.From.Mailboxes.FirstOrDefault();
        if (summary.Size is { } size && size > options.Value.MaxMessageBytes)
        {
            return Placeholder(folder, summary, sender, $"The mail is {size} bytes, above the limit of {options.Value.MaxMessageBytes}; it was not downloaded.");
        }

        try
        {
            var mail = await folder.GetMessageAsync(summary.UniqueId, cancellationToken).ConfigureAwait(false);
            return converter.Read(mail);
        }
        catch (FormatException exception)
        {
            logger.LogWarning(exception, "Mail {Uid} in {Folder} could not be parsed", summary.UniqueId, folder.FullName);
            return Placeholder(folder, summary, sender, "The mail could not be parsed: " + exception.Message);
        }
    }

    private static ReadMail Placeholder(IMailFolder folder, IMessageSummary summary, MailboxAddress? sender, string error)
    {
        var messageId = summary.Envelope?.MessageId is { Length: > 0 } id
            ? id
            : "uid-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{folder.FullName}/{folder.UidValidity}/{summary.UniqueId.Id}"))) + "@kalm.invalid";
        var text = "(Kalm kon deze e-mail niet volledig lezen; de fout staat bij het bericht.)";
        return new ReadMail(messageId, sender?.Name, sender?.Address, summary.Envelope?.Subject, text, text.Length, null, [], AutomaticMail.None,
            summary.Envelope?.InReplyTo is { Length: > 0 } inReplyTo ? [inReplyTo] : [], null, summary.Envelope?.Date, [error]);
    }

    private async Task<bool> StoreAsync(Mailbox mailbox, UniqueId uid, ReadMail read, CancellationToken cancellationToken)
    {
        var conversationId = await ThreadAsync(mailbox, read, cancellationToken).ConfigureAwait(false);
        var email = IdentityNormaliser.TryNormaliseEmail(read.FromEmail, out var normalised) ? normalised : null;
        var externalId = ExternalId(mailbox.Id, read.RfcMessageId);
        var inbound = new ValidInboundMessage(
            Channel.Email,
            externalId,
            Limit(read.FromName, InboundValidation.MaxNameLength),
            // A mail without a usable sender still needs a customer to hang on; the mailbox names it.
            email ?? $"unknown-sender+{mailbox.Id:N}@kalm.invalid",
            null,
            Limit(read.Subject, InboundValidation.MaxSubjectLength),
            read.Text,
            read.Date)
        {
            ConversationId = conversationId,
            TeamId = mailbox.TeamId,
            AnalyzedLength = read.AnalyzedLength,
            Html = read.Html,
            Attachments = read.Attachments,
        };

        var result = await ingest.IngestAsync(inbound, Via, cancellationToken).ConfigureAwait(false);
        var messageId = result.Response.MessageId;
        if (!await db.EmailRecords.AnyAsync(r => r.Id == messageId, cancellationToken).ConfigureAwait(false))
        {
            db.EmailRecords.Add(new EmailRecord
            {
                Id = messageId,
                MailboxId = mailbox.Id,
                ConversationId = result.Response.ConversationId,
                RfcMessageId = Limit(read.RfcMessageId, 500)!,
                References = Limit(string.Join(' ', read.References), 4000),
                Uid = uid.Id,
                Automatic = read.Automatic,
                ParseError = read.Errors.Count == 0 ? null : Limit(string.Join(" ", read.Errors), 1000),
                Subject = Limit(read.Subject, 500),
                CreatedAt = time.GetUtcNow(),
            });
        }

        // Never to a robot, a blocked customer or the mailbox itself: each would be a way to start a loop.
        if (result.Created && read.Automatic == AutomaticMail.None && mailbox.AutoAcknowledge && email is not null
            && !result.Response.Blocked && !string.Equals(email, mailbox.FromAddress, StringComparison.OrdinalIgnoreCase)
            && await db.Messages.CountAsync(m => m.ConversationId == result.Response.ConversationId, cancellationToken).ConfigureAwait(false) == 1)
        {
            await AcknowledgeAsync(mailbox, result.Response.ConversationId, email, read, cancellationToken).ConfigureAwait(false);
        }

        if (db.Entry(mailbox).State == EntityState.Detached)
        {
            // A race inside ingest cleared the change tracker; the checkpoint must still be saved.
            db.Mailboxes.Update(mailbox);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return result.Created;
    }

    private async Task AcknowledgeAsync(Mailbox mailbox, Guid conversationId, string to, ReadMail read, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var position = await estimates.ForConversationAsync(conversationId, cancellationToken).ConfigureAwait(false);
        var expect = position?.Estimate is { } estimate ? $" Naar verwachting neemt een collega het over in {estimate.Text}." : string.Empty;
        var message = new Message
        {
            ConversationId = conversationId,
            Channel = Channel.Email,
            Direction = MessageDirection.System,
            AuthorName = mailbox.Name,
            Text = "Bedankt voor je bericht. We hebben het ontvangen en antwoorden zo snel mogelijk." + expect,
            SentAt = now,
            CreatedAt = now,
        };
        db.Messages.Add(message);
        db.EmailRecords.Add(MailOutbox.Queue(mailbox, message, to, read.Subject, read.RfcMessageId, read.References, now));
    }

    /// <summary>The conversation a reply belongs to: by Kalm's Message-IDs in its references, then by a [#ref] in the subject.</summary>
    private async Task<Guid?> ThreadAsync(Mailbox mailbox, ReadMail read, CancellationToken cancellationToken)
    {
        if (read.References.Count > 0)
        {
            var references = read.References.ToList();
            var byReference = await db.EmailRecords.AsNoTracking()
                .Where(r => r.MailboxId == mailbox.Id && references.Contains(r.RfcMessageId))
                .OrderByDescending(r => r.CreatedAt)
                .Select(r => (Guid?)r.ConversationId)
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (byReference is not null)
            {
                return byReference;
            }
        }

        if (read.ThreadRef is { } threadRef)
        {
            return await db.EmailRecords.AsNoTracking()
                .Where(r => r.MailboxId == mailbox.Id && r.ThreadRef == threadRef)
                .Select(r => (Guid?)r.ConversationId)
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    /// <summary>The dedupe key: a Message-ID is unique per mailbox, not across mailboxes (one mail to two addresses).</summary>
    public static string ExternalId(Guid mailboxId, string rfcMessageId)
    {
        ArgumentNullException.ThrowIfNull(rfcMessageId);
        var key = $"{mailboxId:N}/{rfcMessageId}";
        return key.Length <= InboundValidation.MaxExternalIdLength
            ? key
            : $"{mailboxId:N}/sha256-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(rfcMessageId)))}";
    }

    private static string? Limit(string? value, int length) =>
        value is null ? null : value.Length <= length ? value : value[..length];
}

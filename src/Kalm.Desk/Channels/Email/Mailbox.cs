namespace Kalm.Desk.Channels.Email;

/// <summary>How a mail connection is secured.</summary>
public enum MailSecurity
{
    /// <summary>TLS from the first byte (IMAPS 993, SMTPS 465).</summary>
    Tls,

    /// <summary>Plain connection upgraded with STARTTLS (IMAP 143, submission 587).</summary>
    StartTls,

    /// <summary>No encryption: only for a server on the same machine or a test server.</summary>
    None,
}

/// <summary>
/// A mailbox Kalm reads over IMAP and answers from over SMTP. Passwords are stored encrypted with
/// ASP.NET Core Data Protection and never leave the server.
/// </summary>
public sealed class Mailbox
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    public bool Enabled { get; set; } = true;

    public required string ImapHost { get; set; }

    public int ImapPort { get; set; } = 993;

    public MailSecurity ImapSecurity { get; set; } = MailSecurity.Tls;

    public required string ImapUser { get; set; }

    /// <summary>The IMAP password, protected with Data Protection.</summary>
    public string? ImapPasswordProtected { get; set; }

    public string Folder { get; set; } = "INBOX";

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    public required string SmtpHost { get; set; }

    public int SmtpPort { get; set; } = 587;

    public MailSecurity SmtpSecurity { get; set; } = MailSecurity.StartTls;

    /// <summary>Empty when the SMTP server accepts mail without signing in (a local relay).</summary>
    public string? SmtpUser { get; set; }

    /// <summary>The SMTP password, protected with Data Protection.</summary>
    public string? SmtpPasswordProtected { get; set; }

    public required string FromAddress { get; set; }

    /// <summary>The team whose queue receives new conversations from this mailbox; null: the default e-mail team.</summary>
    public Guid? TeamId { get; set; }

    /// <summary>Whether a new conversation gets an automatic acknowledgement.</summary>
    public bool AutoAcknowledge { get; set; }

    /// <summary>The organisation's signature, added under every reply sent from this mailbox.</summary>
    public string? Signature { get; set; }

    /// <summary>The folder's UIDVALIDITY when <see cref="LastUid"/> was recorded; a change invalidates the checkpoint.</summary>
    public long UidValidity { get; set; }

    /// <summary>The highest UID stored (and flagged) so far: the poll resumes after it.</summary>
    public long LastUid { get; set; }

    public DateTimeOffset? LastPolledAt { get; set; }

    /// <summary>Why the last poll failed; null when it succeeded.</summary>
    public string? LastError { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>What kind of automatic mail a message is; such mail is never answered automatically.</summary>
public enum AutomaticMail
{
    None,
    AutoReply,
    Bounce,

    /// <summary>Kalm's own survey invitation after a conversation was resolved; one per conversation.</summary>
    Survey,
}

/// <summary>
/// The e-mail side of a stored message: the mailbox, the RFC Message-ID that threads replies,
/// and for outbound mail the delivery state of the outbox.
/// </summary>
public sealed class EmailRecord
{
    /// <summary>The id of the stored <see cref="Domain.Message"/>.</summary>
    public Guid Id { get; set; }

    public Guid MailboxId { get; set; }

    public Guid ConversationId { get; set; }

    public bool Outbound { get; set; }

    /// <summary>The Message-ID header without angle brackets.</summary>
    public required string RfcMessageId { get; set; }

    /// <summary>The Message-IDs this mail answers (In-Reply-To and References), space separated.</summary>
    public string? References { get; set; }

    /// <summary>The IMAP UID of an inbound mail in its folder.</summary>
    public long? Uid { get; set; }

    public AutomaticMail Automatic { get; set; }

    /// <summary>What could not be read of an inbound mail; the message holds what could.</summary>
    public string? ParseError { get; set; }

    /// <summary>The recipient of an outbound mail.</summary>
    public string? To { get; set; }

    public string? Subject { get; set; }

    /// <summary>The <c>[#ref]</c> Kalm wrote into the subject of an outbound mail (<see cref="MailConverter.ThreadRefOf"/>).</summary>
    public string? ThreadRef { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset? NextAttemptAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>Why the last attempt to send failed.</summary>
    public string? LastError { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

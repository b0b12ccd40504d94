using MailKit.Net.Imap;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.AspNetCore.DataProtection;

namespace Kalm.Desk.Channels.Email;

/// <summary>Opens signed-in IMAP and SMTP connections for a mailbox, decrypting its passwords only here.</summary>
public sealed class MailConnections(IDataProtectionProvider protection)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly IDataProtector _protector = protection.CreateProtector("Kalm.Channels.Email.Mailbox.v1");

    /// <summary>Encrypts a password for storage; null or empty stays null.</summary>
    public string? Protect(string? password) => string.IsNullOrEmpty(password) ? null : _protector.Protect(password);

    /// <summary>Connects and signs in to the mailbox's IMAP server.</summary>
    public async Task<ImapClient> OpenImapAsync(Mailbox mailbox, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        var client = new ImapClient { Timeout = (int)Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(mailbox.ImapHost, mailbox.ImapPort, Options(mailbox.ImapSecurity), cancellationToken).ConfigureAwait(false);
            await client.AuthenticateAsync(mailbox.ImapUser, Unprotect(mailbox.ImapPasswordProtected), cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Connects to the mailbox's SMTP server, signing in when it has a user.</summary>
    public async Task<SmtpClient> OpenSmtpAsync(Mailbox mailbox, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(mailbox.SmtpHost, mailbox.SmtpPort, Options(mailbox.SmtpSecurity), cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(mailbox.SmtpUser))
            {
                await client.AuthenticateAsync(mailbox.SmtpUser, Unprotect(mailbox.SmtpPasswordProtected), cancellationToken).ConfigureAwait(false);
            }

            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private string Unprotect(string? protectedPassword) =>
        protectedPassword is null ? string.Empty : _protector.Unprotect(protectedPassword);

    private static SecureSocketOptions Options(MailSecurity security) => security switch
    {
        MailSecurity.Tls => SecureSocketOptions.SslOnConnect,
        MailSecurity.StartTls => SecureSocketOptions.StartTls,
        _ => SecureSocketOptions.None,
    };
}

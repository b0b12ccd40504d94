using Kalm.Desk.Data;
using Kalm.Desk.Domain;
using Kalm.Desk.Infrastructure;
using MailKit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kalm.Desk.Channels.Email;

/// <summary>A mailbox as admins see it: whether a password is set, never the password.</summary>
public sealed record MailboxView(
    Guid Id,
    string Name,
    bool Enabled,
    string ImapHost,
    int ImapPort,
    MailSecurity ImapSecurity,
    string ImapUser,
    bool HasImapPassword,
    string Folder,
    int PollIntervalSeconds,
    string SmtpHost,
    int SmtpPort,
    MailSecurity SmtpSecurity,
    string? SmtpUser,
    bool HasSmtpPassword,
    string FromAddress,
    Guid? TeamId,
    bool AutoAcknowledge,
    string? Signature,
    DateTimeOffset? LastPolledAt,
    string? LastError);

/// <summary>
/// A mailbox to create or change. On a change, a null password keeps the stored one and an empty
/// password removes it.
/// </summary>
public sealed record MailboxRequest(
    string? Name,
    bool? Enabled,
    string? ImapHost,
    int? ImapPort,
    MailSecurity? ImapSecurity,
    string? ImapUser,
    string? ImapPassword,
    string? Folder,
    int? PollIntervalSeconds,
    string? SmtpHost,
    int? SmtpPort,
    MailSecurity? SmtpSecurity,
    string? SmtpUser,
    string? SmtpPassword,
    string? FromAddress,
    Guid? TeamId,
    bool? AutoAcknowledge,
    string? Signature);

/// <summary>The outcome of connecting to both servers; an error says what failed.</summary>
public sealed record ConnectionTest(bool ImapOk, string? ImapError, bool SmtpOk, string? SmtpError);

/// <summary>A reply that has not left yet, with why the last attempt failed.</summary>
public sealed record OutboxEntry(Guid MessageId, Guid ConversationId, Guid MailboxId, string? To, string? Subject, int Attempts, DateTimeOffset? NextAttemptAt, string? LastError);

/// <summary>The e-mail channel: mailboxes (admins), the poller and the outbox.</summary>
public static class MailboxEndpoints
{
    /// <summary>Registers the e-mail channel's services and workers.</summary>
    public static IHostApplicationBuilder AddEmailChannel(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.Section);
        builder.Services.AddSingleton<MailboxLocks>();
        builder.Services.AddSingleton<MailConnections>();
        builder.Services.AddSingleton<MailConverter>();
        builder.Services.AddScoped<MailFetcher>();
        builder.Services.AddScoped<MailOutbox>();
        builder.Services.AddScoped<SurveyMailer>();
        builder.Services.AddSingleton<SurveyLinks>();
        builder.Services.AddHostedService<MailPoller>();
        builder.Services.AddHostedService<MailOutboxWorker>();
        return builder;
    }

    public static IEndpointRouteBuilder MapMailboxEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("/api/v1/mailboxes")
            .WithTags("Mailboxes")
            .RequireAuthorization(Policies.Admin)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("/", async (KalmDbContext db, CancellationToken cancellationToken) => TypedResults.Ok(await ListAsync(db, cancellationToken).ConfigureAwait(false)))
            .WithSummary("List mailboxes (without passwords)");
        group.MapPost("/", CreateAsync).WithSummary("Connect a mailbox").ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/{id:guid}", UpdateAsync).WithSummary("Change a mailbox; a password left out is kept")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{id:guid}", DeleteAsync).WithSummary("Remove a mailbox").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/test", TestAsync).WithSummary("Connect and sign in to the IMAP and SMTP servers").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/poll", PollAsync).WithSummary("Fetch new mail now").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/outbox", async (KalmDbContext db, CancellationToken cancellationToken) => TypedResults.Ok(await OutboxAsync(db, cancellationToken).ConfigureAwait(false)))
            .WithSummary("Replies that have not been sent yet, with the last error");
        return app;
    }

    internal static async Task<List<MailboxView>> ListAsync(KalmDbContext db, CancellationToken cancellationToken) =>
        [.. (await db.Mailboxes.AsNoTracking().OrderBy(m => m.Name).ToListAsync(cancellationToken).ConfigureAwait(false)).Select(View)];

    internal static async Task<List<OutboxEntry>> OutboxAsync(KalmDbContext db, CancellationToken cancellationToken) =>
        await db.EmailRecords.AsNoTracking()
            .Where(r => r.Outbound && r.SentAt == null)
            .OrderBy(r => r.CreatedAt)
            .Select(r => new OutboxEntry(r.Id, r.ConversationId, r.MailboxId, r.To, r.Subject, r.Attempts, r.NextAttemptAt, r.LastError))
            .ToListAsync(cancellationToken).ConfigureAwait(false);

    internal static async Task<Results<Created<MailboxView>, ProblemHttpResult>> CreateAsync(MailboxRequest body, KalmDbContext db, MailConnections connections, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(body);
        var now = time.GetUtcNow();
        var mailbox = new Mailbox { Name = string.Empty, ImapHost = string.Empty, ImapUser = string.Empty, SmtpHost = string.Empty, FromAddress = string.Empty, CreatedAt = now };
        if (await ApplyAsync(body, mailbox, db, connections, now, creating: true).ConfigureAwait(false) is { } problem)
        {
            return problem;
        }

        db.Mailboxes.Add(mailbox);
        try
        {
            await db.SaveChangesAsync().ConfigureAwait(false);
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            return NameTaken(mailbox.Name);
        }

        return TypedResults.Created($"/api/v1/mailboxes/{mailbox.Id}", View(mailbox));
    }

    internal static async Task<Results<Ok<MailboxView>, ProblemHttpResult>> UpdateAsync(Guid id, MailboxRequest body, KalmDbContext db, MailConnections connections, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(body);
        var mailbox = await db.Mailboxes.FindAsync(id).ConfigureAwait(false);
        if (mailbox is null)
        {
            return NotFound(id);
        }

        if (await ApplyAsync(body, mailbox, db, connections, time.GetUtcNow(), creating: false).ConfigureAwait(false) is { } problem)
        {
            return problem;
        }

        try
        {
            await db.SaveChangesAsync().ConfigureAwait(false);
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            return NameTaken(mailbox.Name);
        }

        return TypedResults.Ok(View(mailbox));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, KalmDbContext db)
    {
        var deleted = await db.Mailboxes.Where(m => m.Id == id).ExecuteDeleteAsync().ConfigureAwait(false);
        return deleted == 0 ? NotFound(id) : TypedResults.NoContent();
    }

    internal static async Task<Results<Ok<ConnectionTest>, ProblemHttpResult>> TestAsync(Guid id, KalmDbContext db, MailConnections connections, CancellationToken cancellationToken)
    {
        var mailbox = await db.Mailboxes.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken).ConfigureAwait(false);
        if (mailbox is null)
        {
            return NotFound(id);
        }

        string? imapError = null, smtpError = null;
        try
        {
            using var imap = await connections.OpenImapAsync(mailbox, cancellationToken).ConfigureAwait(false);
            var folder = await imap.GetFolderAsync(mailbox.Folder, cancellationToken).ConfigureAwait(false);
            await folder.OpenAsync(FolderAccess.ReadOnly, cancellationToken).ConfigureAwait(false);
            await imap.DisconnectAsync(true, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsConnectionFailure(exception))
        {
            imapError = exception.Message;
        }

        try
        {
            using var smtp = await connections.OpenSmtpAsync(mailbox, cancellationToken).ConfigureAwait(false);
            await smtp.DisconnectAsync(true, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsConnectionFailure(exception))
        {
            smtpError = exception.Message;
        }

        return TypedResults.Ok(new ConnectionTest(imapError is null, imapError, smtpError is null, smtpError));
    }

    internal static async Task<Results<Ok<PollResult>, ProblemHttpResult>> PollAsync(Guid id, KalmDbContext db, MailFetcher fetcher, CancellationToken cancellationToken)
    {
        if (!await db.Mailboxes.AnyAsync(m => m.Id == id, cancellationToken).ConfigureAwait(false))
        {
            return NotFound(id);
        }

        return TypedResults.Ok(await fetcher.PollAsync(id, cancellationToken).ConfigureAwait(false));
    }

    private static bool IsConnectionFailure(Exception exception) =>
        exception is IOException or System.Net.Sockets.SocketException or MailKit.Security.AuthenticationException or ProtocolException
            or CommandException or FolderNotFoundException or ServiceNotConnectedException or TimeoutException or OperationCanceledException
            or System.Security.Cryptography.CryptographicException;

    private static async Task<ProblemHttpResult?> ApplyAsync(MailboxRequest body, Mailbox mailbox, KalmDbContext db, MailConnections connections, DateTimeOffset now, bool creating)
    {
        var name = body.Name?.Trim() ?? (creating ? null : mailbox.Name);
        if (string.IsNullOrEmpty(name) || name.Length > 200)
        {
            return Bad("'name' is required and at most 200 characters.");
        }

        var imapHost = body.ImapHost?.Trim() ?? (creating ? null : mailbox.ImapHost);
        var smtpHost = body.SmtpHost?.Trim() ?? (creating ? null : mailbox.SmtpHost);
        var imapUser = body.ImapUser?.Trim() ?? (creating ? null : mailbox.ImapUser);
        if (string.IsNullOrEmpty(imapHost) || string.IsNullOrEmpty(smtpHost) || string.IsNullOrEmpty(imapUser))
        {
            return Bad("'imapHost', 'imapUser' and 'smtpHost' are required.");
        }

        var from = body.FromAddress?.Trim() ?? (creating ? null : mailbox.FromAddress);
        if (!IdentityNormaliser.TryNormaliseEmail(from, out var fromAddress))
        {
            return Bad("'fromAddress' is required and must be an e-mail address.");
        }

        var imapPort = body.ImapPort ?? (creating ? DefaultPort(body.ImapSecurity ?? MailSecurity.Tls, imap: true) : mailbox.ImapPort);
        var smtpPort = body.SmtpPort ?? (creating ? DefaultPort(body.SmtpSecurity ?? MailSecurity.StartTls, imap: false) : mailbox.SmtpPort);
        if (imapPort is < 1 or > 65535 || smtpPort is < 1 or > 65535)
        {
            return Bad("Ports are between 1 and 65535.");
        }

        var interval = body.PollIntervalSeconds ?? (int)mailbox.PollInterval.TotalSeconds;
        if (interval is < 10 or > 86400)
        {
            return Bad("'pollIntervalSeconds' is between 10 and 86400.");
        }

        if (body.TeamId is { } teamId && !await db.Teams.AnyAsync(t => t.Id == teamId).ConfigureAwait(false))
        {
            return Bad($"No team {teamId} exists.");
        }

        if (body.Signature?.Length > 2000 || body.Folder?.Length > 200)
        {
            return Bad("'signature' is at most 2000 and 'folder' at most 200 characters.");
        }

        mailbox.Name = name;
        mailbox.Enabled = body.Enabled ?? mailbox.Enabled;
        mailbox.ImapHost = imapHost;
        mailbox.ImapPort = imapPort;
        mailbox.ImapSecurity = body.ImapSecurity ?? mailbox.ImapSecurity;
        if (imapUser != mailbox.ImapUser || body.Folder is { } && body.Folder.Trim() != mailbox.Folder)
        {
            // Another folder or account has other UIDs: start reading it from the beginning.
            mailbox.UidValidity = 0;
            mailbox.LastUid = 0;
        }

        mailbox.ImapUser = imapUser;
        mailbox.Folder = string.IsNullOrWhiteSpace(body.Folder) ? mailbox.Folder : body.Folder.Trim();
        mailbox.PollInterval = TimeSpan.FromSeconds(interval);
        mailbox.SmtpHost = smtpHost;
        mailbox.SmtpPort = smtpPort;
        mailbox.SmtpSecurity = body.SmtpSecurity ?? mailbox.SmtpSecurity;
        mailbox.SmtpUser = body.SmtpUser is null ? mailbox.SmtpUser : body.SmtpUser.Trim() is { Length: > 0 } smtpUser ? smtpUser : null;
        mailbox.FromAddress = fromAddress;
        mailbox.TeamId = body.TeamId ?? mailbox.TeamId;
        mailbox.AutoAcknowledge = body.AutoAcknowledge ?? mailbox.AutoAcknowledge;
        mailbox.Signature = body.Signature is null ? mailbox.Signature : body.Signature.Trim() is { Length: > 0 } signature ? signature : null;
        if (body.ImapPassword is not null)
        {
            mailbox.ImapPasswordProtected = connections.Protect(body.ImapPassword);
        }

        if (body.SmtpPassword is not null)
        {
            mailbox.SmtpPasswordProtected = connections.Protect(body.SmtpPassword);
        }

        mailbox.UpdatedAt = now;
        return null;
    }

    private static int DefaultPort(MailSecurity security, bool imap) => (security, imap) switch
    {
        (MailSecurity.Tls, true) => 993,
        (_, true) => 143,
        (MailSecurity.Tls, false) => 465,
        (MailSecurity.StartTls, false) => 587,
        _ => 25,
    };

    internal static MailboxView View(Mailbox m) => new(
        m.Id, m.Name, m.Enabled, m.ImapHost, m.ImapPort, m.ImapSecurity, m.ImapUser, m.ImapPasswordProtected is not null, m.Folder,
        (int)m.PollInterval.TotalSeconds, m.SmtpHost, m.SmtpPort, m.SmtpSecurity, m.SmtpUser, m.SmtpPasswordProtected is not null,
        m.FromAddress, m.TeamId, m.AutoAcknowledge, m.Signature, m.LastPolledAt, m.LastError);

    private static ProblemHttpResult Bad(string detail) => ProblemDetailsSetup.Problem(StatusCodes.Status400BadRequest, detail);

    private static ProblemHttpResult NotFound(Guid id) => ProblemDetailsSetup.Problem(StatusCodes.Status404NotFound, $"No mailbox {id} exists.");

    private static ProblemHttpResult NameTaken(string name) => ProblemDetailsSetup.Problem(StatusCodes.Status409Conflict, $"A mailbox named '{name}' exists already.");
}

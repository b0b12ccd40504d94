using System.Globalization;
using System.Security.Cryptography;
using Kalm.Desk.Channels.Chat;
using Kalm.Desk.Data;
using Kalm.Desk.Domain;
using Kalm.Desk.Infrastructure;
using Kalm.Desk.Protection;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kalm.Desk.Channels.Email;

/// <summary>What a survey link is worth.</summary>
public enum SurveyLinkState
{
    /// <summary>Signed by this desk and not expired.</summary>
    Valid,

    /// <summary>Signed by this desk, but too old.</summary>
    Expired,

    /// <summary>Not a link this desk signed.</summary>
    Invalid,
}

/// <summary>The conversation a survey link names, and whether the link still works.</summary>
public sealed record SurveyLink(SurveyLinkState State, Guid ConversationId);

/// <summary>
/// Signs the survey link of one conversation with Data Protection (keys in the database), so the
/// link names only that conversation and nobody can forge or alter one. The expiry is signed into
/// the payload and checked against <see cref="TimeProvider"/>: the time-limited protector reads the
/// system clock, which would make expiry untestable and could not tell an expired link from a forged one.
/// </summary>
public sealed class SurveyLinks(IDataProtectionProvider provider, TimeProvider time)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Kalm.Email.SurveyLink.v1");

    /// <summary>A token for the survey of <paramref name="conversationId"/> that works until <paramref name="expires"/>.</summary>
    public string Protect(Guid conversationId, DateTimeOffset expires) =>
        _protector.Protect($"{conversationId:N}|{expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}");

    /// <summary>What <paramref name="token"/> is worth.</summary>
    public SurveyLink Read(string? token)
    {
        var invalid = new SurveyLink(SurveyLinkState.Invalid, Guid.Empty);
        if (string.IsNullOrWhiteSpace(token) || token.Length > 1000)
        {
            return invalid;
        }

        string payload;
        try
        {
            payload = _protector.Unprotect(token);
        }
        catch (CryptographicException)
        {
            return invalid;
        }

        var parts = payload.Split('|');
        if (parts.Length != 2 || !Guid.TryParseExact(parts[0], "N", out var conversationId)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            return invalid;
        }

        return new SurveyLink(time.GetUtcNow().ToUnixTimeSeconds() < expires ? SurveyLinkState.Valid : SurveyLinkState.Expired, conversationId);
    }
}

/// <summary>
/// The after-contact survey by mail: invites the customer of a resolved e-mail conversation once,
/// through the outbox of the mailbox the conversation came in by, and takes the answers from the
/// public survey page.
/// </summary>
public sealed class SurveyMailer(KalmDbContext db, SurveyLinks links, SurveyRecorder surveys, IOptions<EmailOptions> options, TimeProvider time, ILogger<SurveyMailer> logger)
{
    /// <summary>Queues a survey mail for each recently resolved e-mail conversation that is due one.</summary>
    public async Task<int> QueueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.PublicUrl is null)
        {
            return 0;
        }

        var now = time.GetUtcNow();
        var since = now - settings.SurveyWindow;
        var candidates = await db.Conversations.AsNoTracking()
            .Where(c => c.Channel == Channel.Email && c.Status == ConversationStatus.Resolved && c.ResolvedAt >= since
                && db.EmailRecords.Any(r => r.ConversationId == c.Id && !r.Outbound)
                && !db.EmailRecords.Any(r => r.ConversationId == c.Id && r.Automatic == AutomaticMail.Survey)
                && !db.SurveyResponses.Any(r => r.ConversationId == c.Id))
            .OrderBy(c => c.ResolvedAt)
            .Select(c => new { c.Id, c.CustomerId, c.Subject, c.HighestSeverity, Email = c.Customer!.Identities.Where(i => i.Kind == IdentityKind.Email).Select(i => i.Value).FirstOrDefault() })
            .Take(50)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var queued = 0;
        foreach (var conversation in candidates)
        {
            // A placeholder address for a mail without a usable sender reaches nobody.
            if (conversation.Email is null || conversation.Email.EndsWith(".invalid", StringComparison.OrdinalIgnoreCase)
                || !surveys.Surveys(conversation.HighestSeverity)
                || await ConductService.ActiveMeasureAsync(db, conversation.CustomerId, now, cancellationToken).ConfigureAwait(false) is { Kind: ConductChangeKind.Blocked })
            {
                continue;
            }

            var last = await db.EmailRecords.AsNoTracking()
                .Where(r => r.ConversationId == conversation.Id && !r.Outbound)
                .OrderBy(r => r.Automatic == AutomaticMail.None ? 0 : 1).ThenByDescending(r => r.CreatedAt)
                .FirstAsync(cancellationToken).ConfigureAwait(false);
            var mailbox = await db.Mailboxes.AsNoTracking().SingleAsync(m => m.Id == last.MailboxId, cancellationToken).ConfigureAwait(false);
            if (string.Equals(conversation.Email, mailbox.FromAddress, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var link = Link(settings.PublicUrl, links.Protect(conversation.Id, now + settings.SurveyLinkLifetime));
            var message = new Message
            {
                ConversationId = conversation.Id,
                Channel = Channel.Email,
                Direction = MessageDirection.System,
                AuthorName = mailbox.Name,
                Text = $"""
                    Bedankt voor uw contact met ons. Wilt u laten weten hoe we u hebben geholpen? Het zijn vijf korte vragen:
                    {link}

                    Thank you for contacting us. Would you tell us how we helped you? Five short questions:
                    {link}?lang=en
                    """,
                SentAt = now,
                CreatedAt = now,
            };
            db.Messages.Add(message);
            var record = MailOutbox.Queue(mailbox, message, conversation.Email, conversation.Subject ?? last.Subject, last.RfcMessageId,
                (last.References ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries), now);
            record.Automatic = AutomaticMail.Survey;
            db.EmailRecords.Add(record);
            // Saved per conversation: the record is what makes the invitation once per conversation.
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Queued the survey mail of conversation {ConversationId}", conversation.Id);
            queued++;
        }

        return queued;
    }

    /// <summary>Whether the survey behind <paramref name="token"/> may be answered; a problem when not.</summary>
    public async Task<(Guid ConversationId, ProblemHttpResult? Problem)> CheckAsync(string? token, CancellationToken cancellationToken)
    {
        var link = links.Read(token);
        if (link.State == SurveyLinkState.Invalid
            // A signed link whose conversation was erased since (privacy) is as good as none.
            || !await db.Conversations.AnyAsync(c => c.Id == link.ConversationId, cancellationToken).ConfigureAwait(false))
        {
            return (Guid.Empty, ProblemDetailsSetup.Problem(StatusCodes.Status404NotFound, "This survey link is not valid."));
        }

        if (link.State == SurveyLinkState.Expired)
        {
            return (link.ConversationId, ProblemDetailsSetup.Problem(StatusCodes.Status410Gone, "This survey link has expired."));
        }

        if (await surveys.AnsweredAsync(link.ConversationId, cancellationToken).ConfigureAwait(false))
        {
            return (link.ConversationId, SurveyRecorder.Answered());
        }

        return (link.ConversationId, null);
    }

    /// <summary>Stores the answers given through the survey link <paramref name="token"/>.</summary>
    public async Task<ProblemHttpResult?> SubmitAsync(string? token, SurveyAnswersRequest request, CancellationToken cancellationToken)
    {
        var (conversationId, problem) = await CheckAsync(token, cancellationToken).ConfigureAwait(false);
        return problem ?? await surveys.RecordAsync(conversationId, request, cancellationToken).ConfigureAwait(false);
    }

    private static Uri Link(Uri publicUrl, string token) =>
        new(new Uri(publicUrl.AbsoluteUri.EndsWith('/') ? publicUrl.AbsoluteUri : publicUrl.AbsoluteUri + "/"), $"survey/{Uri.EscapeDataString(token)}");
}

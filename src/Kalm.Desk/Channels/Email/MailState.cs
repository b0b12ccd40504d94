using Kalm.Desk.Data;
using Microsoft.EntityFrameworkCore;

namespace Kalm.Desk.Channels.Email;

/// <summary>
/// What agents need to know about a message's mail: what could not be read of an inbound mail,
/// whether it came from a robot, and whether a reply has left (and why not yet).
/// </summary>
/// <param name="ReadError">What could not be read; the message holds what could.</param>
/// <param name="Automatic">auto_reply or bounce; null for a person's mail.</param>
/// <param name="Sent">For outbound mail: whether it left.</param>
/// <param name="SendError">For outbound mail: why the last attempt failed.</param>
/// <param name="Attempts">For outbound mail: how often sending was tried.</param>
public sealed record MailState(string? ReadError, AutomaticMail? Automatic, bool? Sent, string? SendError, int Attempts)
{
    /// <summary>The mail state of every message of a conversation that has one, by message id.</summary>
    public static async Task<Dictionary<Guid, MailState>> ForConversationAsync(KalmDbContext db, Guid conversationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var records = await db.EmailRecords.AsNoTracking().Where(r => r.ConversationId == conversationId)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return records.ToDictionary(r => r.Id, r => new MailState(
            r.ParseError,
            // Kalm's own automatic mail (the survey invitation) is not a robot writing in.
            r.Automatic == AutomaticMail.None || r.Outbound ? null : r.Automatic,
            r.Outbound ? r.SentAt is not null : null,
            r.LastError,
            r.Attempts));
    }
}

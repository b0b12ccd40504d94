using Kalm.Desk.Data;
using Kalm.Desk.Domain;
using Microsoft.EntityFrameworkCore;

namespace Kalm.Desk.Protection;

/// <summary>A compliment a customer paid in a conversation assigned to <paramref name="AgentAlias"/>.</summary>
/// <param name="Text">The customer's words, masked where Shield masked anything.</param>
public sealed record Kudo(Guid MessageId, Guid ConversationId, string? CustomerName, string AgentAlias, string Text, DateTimeOffset At);

/// <summary>
/// The kudos stream: compliments Shield found in customers' messages, for the agent whose conversation
/// it was, so the good days are remembered too; for the team only when the agent shares them.
/// </summary>
public sealed class KudosService(KalmDbContext db)
{
    private const string Compliment = "compliment";

    /// <summary>Compliments in conversations assigned to <paramref name="agentId"/>, newest first.</summary>
    public Task<List<Kudo>> MineAsync(string agentId, int take, CancellationToken cancellationToken) =>
        Query(db.Messages.Where(m => m.Conversation!.AssigneeId == agentId), take).ToListAsync(cancellationToken);

    /// <summary>Compliments of <paramref name="agentId"/>'s team mates who share theirs, newest first.</summary>
    public Task<List<Kudo>> TeamAsync(string agentId, int take, CancellationToken cancellationToken)
    {
        var mates = db.Users.Where(u => u.Id != agentId && u.ShareKudos && u.Teams.Any(t => t.Members.Any(m => m.Id == agentId))).Select(u => u.Id);
        return Query(db.Messages.Where(m => mates.Contains(m.Conversation!.AssigneeId!)), take).ToListAsync(cancellationToken);
    }

    private static IQueryable<Kudo> Query(IQueryable<Message> messages, int take) =>
        messages.AsNoTracking()
            .Where(m => m.Direction == MessageDirection.Inbound && m.Categories.Contains(Compliment))
            .OrderByDescending(m => m.SentAt)
            .Take(take)
            .Select(m => new Kudo(m.Id, m.ConversationId, m.Conversation!.Customer!.Name, m.Conversation.Assignee!.PublicAlias, m.MaskedText ?? m.Text, m.SentAt));
}

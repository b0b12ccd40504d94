using Kalm.Desk.Data;
using Kalm.Desk.Domain;
using Microsoft.EntityFrameworkCore;

namespace Kalm.Desk.Protection;

/// <summary>A compliment a customer paid in a conversation assigned to <paramref name="AgentAlias"/>.</summary>
/// <param name="MessageId">The message, or the survey response when the compliment was in a survey comment.</param>
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
        NewestAsync(db.Messages.Where(m => m.Conversation!.AssigneeId == agentId), db.SurveyResponses.Where(r => r.AgentId == agentId), take, cancellationToken);

    /// <summary>Compliments of <paramref name="agentId"/>'s team mates who share theirs, newest first.</summary>
    public Task<List<Kudo>> TeamAsync(string agentId, int take, CancellationToken cancellationToken)
    {
        var mates = db.Users.Where(u => u.Id != agentId && u.ShareKudos && u.Teams.Any(t => t.Members.Any(m => m.Id == agentId))).Select(u => u.Id);
        return NewestAsync(db.Messages.Where(m => mates.Contains(m.Conversation!.AssigneeId!)), db.SurveyResponses.Where(r => mates.Contains(r.AgentId!)), take, cancellationToken);
    }

    /// <summary>Compliments in messages and in survey comments, newest first.</summary>
    private async Task<List<Kudo>> NewestAsync(IQueryable<Message> messages, IQueryable<Channels.Chat.SurveyResponse> surveys, int take, CancellationToken cancellationToken)
    {
        var fromMessages = await Query(messages, take).ToListAsync(cancellationToken).ConfigureAwait(false);
        var fromSurveys = await surveys.AsNoTracking()
            .Where(r => r.Counted && r.Comment != null && r.CommentCategories.Contains(Compliment))
            .OrderByDescending(r => r.At)
            .Take(take)
            .Join(db.Conversations, r => r.ConversationId, c => c.Id, (r, c) => new Kudo(r.Id, r.ConversationId, c.Customer!.Name, c.Assignee!.PublicAlias, r.MaskedComment ?? r.Comment!, r.At))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. fromMessages.Concat(fromSurveys).OrderByDescending(k => k.At).Take(take)];
    }

    private static IQueryable<Kudo> Query(IQueryable<Message> messages, int take) =>
        messages.AsNoTracking()
            .Where(m => m.Direction == MessageDirection.Inbound && m.Categories.Contains(Compliment))
            .OrderByDescending(m => m.SentAt)
            .Take(take)
            .Select(m => new Kudo(m.Id, m.ConversationId, m.Conversation!.Customer!.Name, m.Conversation.Assignee!.PublicAlias, m.MaskedText ?? m.Text, m.SentAt));
}

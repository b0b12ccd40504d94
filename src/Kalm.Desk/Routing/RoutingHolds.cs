using System.Collections.Concurrent;

namespace Kalm.Desk.Routing;

/// <summary>
/// The waiting conversations routing holds for a better-placed agent, and since when, so that a hold
/// lasts its length once from the first moment a free agent could have taken the conversation. Kept in
/// memory: after a restart a held conversation starts its hold again, a few seconds more at worst.
/// </summary>
public sealed class RoutingHolds
{
    /// <summary>Holds last seconds to minutes; one not released within this was taken by hand or left the queue.</summary>
    private static readonly TimeSpan Forgotten = TimeSpan.FromHours(2);

    private readonly ConcurrentDictionary<Guid, HeldConversation> _holds = new();

    /// <summary>When routing first held <paramref name="conversationId"/>, or null if it holds it not.</summary>
    public DateTimeOffset? Since(Guid conversationId) => _holds.TryGetValue(conversationId, out var hold) ? hold.Since : null;

    /// <summary>Records that routing holds <paramref name="conversationId"/>, first held at <paramref name="since"/>, until <paramref name="endsAt"/>.</summary>
    public void Hold(Guid conversationId, DateTimeOffset since, DateTimeOffset endsAt) =>
        _holds[conversationId] = new HeldConversation(since, endsAt);

    /// <summary>Forgets the hold of a conversation that went to an agent.</summary>
    public void Release(Guid conversationId) => _holds.TryRemove(conversationId, out _);

    /// <summary>The earliest moment a running hold ends after <paramref name="now"/>, when the router should look again; null if none.</summary>
    public DateTimeOffset? NextEndAfter(DateTimeOffset now)
    {
        DateTimeOffset? next = null;
        foreach (var (id, hold) in _holds)
        {
            if (now - hold.EndsAt > Forgotten)
            {
                _holds.TryRemove(id, out _);
            }
            else if (hold.EndsAt > now && (next is null || hold.EndsAt < next))
            {
                next = hold.EndsAt;
            }
        }

        return next;
    }

    private sealed record HeldConversation(DateTimeOffset Since, DateTimeOffset EndsAt);
}

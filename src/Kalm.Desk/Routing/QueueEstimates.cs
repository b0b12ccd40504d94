using Kalm.Desk.Data;
using Kalm.Desk.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kalm.Desk.Routing;

/// <summary>A waiting-time range as a customer is told it.</summary>
/// <param name="Text">Dutch, e.g. "ongeveer 5–10 minuten".</param>
/// <param name="TextEn">English, e.g. "about 5–10 minutes".</param>
/// <param name="Basis"><c>observed</c> (recent hand-overs) or <c>capacity</c> (agents and handle time).</param>
public sealed record WaitRange(int LowSeconds, int HighSeconds, int LowMinutes, int HighMinutes, string Text, string TextEn, string Basis)
{
    public static WaitRange From(WaitEstimate estimate)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        var (low, high) = estimate.RoundedMinutes();
        return new WaitRange(
            (int)Math.Round(estimate.Low.TotalSeconds),
            (int)Math.Round(estimate.High.TotalSeconds),
            low,
            high,
            estimate.Describe("nl"),
            estimate.Describe("en"),
            estimate.Basis == WaitBasis.Observed ? "observed" : "capacity");
    }
}

/// <summary>A queue on one channel right now, and what the next customer to join it may expect.</summary>
/// <param name="Waiting">Conversations waiting for an agent.</param>
/// <param name="AgentsServing">Members available or busy with capacity on the channel.</param>
/// <param name="FreeSlots">Conversations available members could take right now.</param>
/// <param name="NextCustomer">The estimate for a customer joining now; null when nobody serves the queue.</param>
/// <param name="Unavailable">Why there is no estimate.</param>
public sealed record QueueWait(Guid TeamId, string Name, Channel Channel, int Waiting, int AgentsServing, int FreeSlots, WaitRange? NextCustomer, string? Unavailable);

/// <summary>Where one conversation stands in its queue.</summary>
/// <param name="Position">1 is next; 0 when an agent already has it.</param>
public sealed record QueuePosition(Guid ConversationId, Guid? TeamId, Channel Channel, int Position, int WaitingAhead, WaitRange? Estimate, string? Unavailable);

/// <summary>Waiting times per queue and per conversation, from live state and the last half hour (<see cref="WaitEstimator"/>).</summary>
public sealed class QueueEstimates(KalmDbContext db, IOptions<RoutingOptions> routing, TimeProvider time)
{
    private const string NobodyServes = "Nobody serves this queue on this channel right now.";

    public async Task<QueueWait?> ForQueueAsync(Guid teamId, Channel? channel, CancellationToken cancellationToken)
    {
        var team = await db.Teams.AsNoTracking().Where(t => t.Id == teamId).Select(t => new { t.Id, t.Name, t.Channels }).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (team is null)
        {
            return null;
        }

        var on = channel ?? team.Channels.FirstOrDefault();
        var state = await StateAsync(teamId, on, cancellationToken).ConfigureAwait(false);
        var estimate = state.Estimate(state.Waiting.Count + 1);
        return new QueueWait(team.Id, team.Name, on, state.Waiting.Count, state.Serving, state.FreeSlots, estimate is null ? null : WaitRange.From(estimate), estimate is null ? NobodyServes : null);
    }

    public async Task<QueuePosition?> ForConversationAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        var conversation = await db.Conversations.AsNoTracking()
            .Where(c => c.Id == conversationId)
            .Select(c => new { c.Id, c.TeamId, c.Channel, c.AssigneeId, c.Status })
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (conversation is null)
        {
            return null;
        }

        if (conversation.AssigneeId is not null || conversation.TeamId is not { } teamId || conversation.Status is not (ConversationStatus.New or ConversationStatus.Open))
        {
            return new QueuePosition(conversation.Id, conversation.TeamId, conversation.Channel, 0, 0, null, conversation.AssigneeId is null ? "The conversation is not waiting in a queue." : null);
        }

        var state = await StateAsync(teamId, conversation.Channel, cancellationToken).ConfigureAwait(false);
        var ahead = state.Waiting.IndexOf(conversation.Id);
        var position = ahead < 0 ? state.Waiting.Count + 1 : ahead + 1;
        var estimate = state.Estimate(position);
        return new QueuePosition(conversation.Id, teamId, conversation.Channel, position, position - 1, estimate is null ? null : WaitRange.From(estimate), estimate is null ? NobodyServes : null);
    }

    private async Task<QueueState> StateAsync(Guid teamId, Channel channel, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var waiting = await db.Conversations.AsNoTracking()
            .Where(c => c.TeamId == teamId && c.Channel == channel && c.AssigneeId == null
                && (c.Status == ConversationStatus.New || c.Status == ConversationStatus.Open))
            .OrderBy(c => c.LastMessageAt).ThenBy(c => c.Id)
            .Select(c => c.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var members = await db.Teams.AsNoTracking().Where(t => t.Id == teamId)
            .SelectMany(t => t.Members)
            .Where(m => m.Presence == Presence.Available || m.Presence == Presence.Busy)
            .Select(m => new { m.Id, m.Presence, m.Capacity })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var ids = members.Select(m => m.Id).ToList();
        var loads = await db.Conversations.AsNoTracking()
            .Where(c => c.AssigneeId != null && ids.Contains(c.AssigneeId) && c.Channel == channel
                && c.Status != ConversationStatus.Resolved && c.Status != ConversationStatus.Closed)
            .GroupBy(c => c.AssigneeId)
            .Select(g => new { AgentId = g.Key!, Count = g.Count() })
            .ToDictionaryAsync(g => g.AgentId, g => g.Count, cancellationToken).ConfigureAwait(false);

        var slots = members.Select(m => new
        {
            m.Presence,
            Capacity = m.Capacity.Where(c => c.Channel == channel).Sum(c => c.MaxConcurrent),
            Load = loads.GetValueOrDefault(m.Id),
        }).Where(m => m.Capacity > 0).ToList();

        var windowStart = now - WaitEstimator.Window;
        var departures = await db.ConversationEvents.AsNoTracking()
            .Where(e => e.Kind == ConversationEventKind.Assigned && e.At >= windowStart && e.At <= now
                && e.Conversation!.TeamId == teamId && e.Conversation.Channel == channel)
            .Select(e => e.ConversationId)
            .Distinct()
            .CountAsync(cancellationToken).ConfigureAwait(false);

        var handled = await db.Conversations.AsNoTracking()
            .Where(c => c.TeamId == teamId && c.Channel == channel && c.ResolvedAt >= now.AddDays(-7))
            .Select(c => c.HandleTime)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var measured = handled.Where(h => h > TimeSpan.Zero).ToList();
        var averageHandle = measured.Count > 0
            ? TimeSpan.FromTicks((long)measured.Average(h => h.Ticks))
            : TimeSpan.FromSeconds(routing.Value.HandleTimeGuidelineSeconds);

        return new QueueState(
            waiting,
            slots.Count,
            slots.Sum(s => s.Capacity),
            slots.Where(s => s.Presence == Presence.Available).Sum(s => Math.Max(0, s.Capacity - s.Load)),
            departures,
            averageHandle);
    }

    private sealed record QueueState(List<Guid> Waiting, int Serving, int ServingSlots, int FreeSlots, int Departures, TimeSpan AverageHandle)
    {
        public WaitEstimate? Estimate(int position) => WaitEstimator.Estimate(position, Departures, ServingSlots, FreeSlots, AverageHandle);
    }
}

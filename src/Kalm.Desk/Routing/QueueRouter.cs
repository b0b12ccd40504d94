using System.Globalization;
using Kalm.Desk.Data;
using Kalm.Desk.Domain;
using Kalm.Desk.Infrastructure;
using Kalm.Desk.Protection;
using Kalm.Desk.Wellbeing;
using Kalm.Shield;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kalm.Desk.Routing;

/// <summary>One conversation handed to an agent by routing.</summary>
public sealed record RoutedConversation(Guid ConversationId, string AgentId, string Reason);

/// <summary>
/// Hands waiting conversations to available agents with <see cref="RoutingEngine"/>, oldest first.
/// Each assignment is saved with its timeline event (which says why), the agent's exposure and the
/// agent's last-routed time in one transaction, and only if nobody took the conversation meanwhile.
/// </summary>
public sealed class QueueRouter(
    KalmDbContext db,
    ConductService conduct,
    IConversationEvents events,
    IOptions<RoutingOptions> routing,
    IOptions<WellbeingOptions> wellbeing,
    RoutingHolds holds,
    TimeProvider time)
{
    /// <summary>Conversations looked at per pass; the next pass takes the rest.</summary>
    private const int BatchSize = 200;

    /// <summary>The name on the timeline for assignments made by routing.</summary>
    public const string ActorName = "Kalm routing";

    public async Task<IReadOnlyList<RoutedConversation>> RouteWaitingAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var waiting = await db.Conversations.AsNoTracking()
            .Where(c => c.AssigneeId == null && c.TeamId != null && (c.Status == ConversationStatus.New || c.Status == ConversationStatus.Open))
            .OrderBy(c => c.LastMessageAt)
            .Take(BatchSize)
            .Select(c => new Waiting(c.Id, c.Channel, c.TeamId!.Value, c.CustomerId, c.HighestSeverity, c.Status, c.LastMessageAt))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (waiting.Count == 0)
        {
            return [];
        }

        var agents = await LoadAgentsAsync(now, cancellationToken).ConfigureAwait(false);
        if (agents.Count == 0)
        {
            return [];
        }

        var teams = await db.Teams.AsNoTracking()
            .Select(t => new { t.Id, t.RequiredSkills, Members = t.Members.Select(m => m.Id).ToList() })
            .ToDictionaryAsync(t => t.Id, cancellationToken).ConfigureAwait(false);
        var conductLevels = await ConductLevelsAsync(waiting, cancellationToken).ConfigureAwait(false);
        var rotationDue = await RotationDueAsync([.. agents.Keys], now, cancellationToken).ConfigureAwait(false);
        var engine = routing.Value.CreateEngine(wellbeing.Value);
        var routed = new List<RoutedConversation>();

        foreach (var conversation in waiting)
        {
            if (!teams.TryGetValue(conversation.TeamId, out var team))
            {
                continue;
            }

            var request = Request(conversation, team.RequiredSkills, conductLevels.GetValueOrDefault(conversation.CustomerId));
            var candidates = team.Members.Where(agents.ContainsKey)
                .Select(id => agents[id].Snapshot(conversation.Channel, rotationDue.Contains((id, conversation.TeamId))))
                .ToList();
            var heldSince = holds.Since(conversation.Id) ?? now;
            var decision = engine.Choose(request, candidates, now, heldSince);
            if (decision.Held)
            {
                holds.Hold(conversation.Id, heldSince, engine.HoldEndsAt(request, heldSince));
            }

            if (decision.AgentId is not { } agentId)
            {
                continue;
            }

            if (await AssignAsync(conversation, agents[agentId], decision.Reason, engine.Policy, now, cancellationToken).ConfigureAwait(false))
            {
                holds.Release(conversation.Id);
                agents[agentId].Took(conversation.Channel, wellbeing.Value.WeightOf(conversation.Severity), conversation.Severity >= Severity.Abusive, now);
                routed.Add(new RoutedConversation(conversation.Id, agentId, decision.Reason));
            }
        }

        return routed;
    }

    private static RoutingRequest Request(Waiting conversation, IReadOnlyList<string> requiredSkills, ConductLevel conductLevel)
    {
        var (risk, because) = conversation.Severity switch
        {
            Severity.Threat => (ContactRisk.Hostile, "threatening message"),
            Severity.Abusive => (ContactRisk.Hostile, "abusive message"),
            _ when conductLevel >= ConductLevel.Hostile => (ContactRisk.Hostile, "conduct record: " + ApiNames.Name(conductLevel)),
            Severity.Rude => (ContactRisk.Uncertain, "rude message"),
            _ when conductLevel == ConductLevel.Caution => (ContactRisk.Uncertain, "conduct record: caution"),
            _ when conversation.Channel == Channel.Phone => (ContactRisk.Uncertain, "call not screened"),
            _ => (ContactRisk.Calm, (string?)null),
        };
        return new RoutingRequest(conversation.Channel, requiredSkills, null, risk, because,
            ThreatExpected: conversation.Severity == Severity.Threat || conductLevel == ConductLevel.Dangerous);
    }

    /// <summary>Conduct levels of the waiting customers who were ever rude or worse; the others have none.</summary>
    private async Task<Dictionary<Guid, ConductLevel>> ConductLevelsAsync(List<Waiting> waiting, CancellationToken cancellationToken)
    {
        // A contact that is hostile by its own messages is routed as hostile whatever the record says.
        var customers = waiting.Where(w => w.Severity < Severity.Abusive).Select(w => w.CustomerId).Distinct().ToList();
        var withHistory = await db.Messages.AsNoTracking()
            .Where(m => m.Direction == MessageDirection.Inbound && m.Severity >= Severity.Rude && customers.Contains(m.Conversation!.CustomerId))
            .Select(m => m.Conversation!.CustomerId)
            .Distinct()
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var levels = new Dictionary<Guid, ConductLevel>();
        foreach (var customerId in withHistory)
        {
            if (await conduct.GetAsync(customerId, cancellationToken: cancellationToken).ConfigureAwait(false) is { } summary)
            {
                levels[customerId] = summary.Level;
            }
        }

        return levels;
    }

    /// <summary>
    /// The (agent, queue) pairs where the agent has worked a hostile-heavy queue for
    /// <see cref="RoutingOptions.MaxHostileQueueMinutesPerShift"/> this shift: since they came online
    /// today, counting the time their conversations of that queue were open (overlaps once).
    /// </summary>
    private async Task<HashSet<(string AgentId, Guid TeamId)>> RotationDueAsync(List<string> agentIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var options = routing.Value;
        var weekAgo = now.AddDays(-7);
        var hostileHeavy = await db.Conversations.AsNoTracking()
            .Where(c => c.TeamId != null && c.CreatedAt >= weekAgo)
            .GroupBy(c => c.TeamId!.Value)
            .Select(g => new { TeamId = g.Key, All = g.Count(), Hostile = g.Count(c => c.HighestSeverity >= Severity.Abusive) })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var heavy = hostileHeavy.Where(t => t.Hostile >= options.HostileQueueShare * t.All).Select(t => t.TeamId).ToList();
        if (heavy.Count == 0)
        {
            return [];
        }

        var zone = await OrganisationClock.ZoneAsync(db, cancellationToken).ConfigureAwait(false);
        var today = OrganisationClock.StartOf(OrganisationClock.DateOf(now, zone), zone);
        var cameOnline = await db.PresenceChanges.AsNoTracking()
            .Where(p => agentIds.Contains(p.AgentId) && p.From == Presence.Offline && p.At >= today)
            .GroupBy(p => p.AgentId)
            .Select(g => new { AgentId = g.Key, At = g.Max(p => p.At) })
            .ToDictionaryAsync(g => g.AgentId, g => g.At, cancellationToken).ConfigureAwait(false);
        var worked = await db.Conversations.AsNoTracking()
            .Where(c => c.AssigneeId != null && agentIds.Contains(c.AssigneeId) && c.TeamId != null && heavy.Contains(c.TeamId.Value)
                && (c.ResolvedAt == null || c.ResolvedAt >= today) && c.CreatedAt < now)
            .Select(c => new { AgentId = c.AssigneeId!, TeamId = c.TeamId!.Value, c.CreatedAt, c.ResolvedAt })
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        var limit = TimeSpan.FromMinutes(options.MaxHostileQueueMinutesPerShift);
        return [.. worked.GroupBy(w => (w.AgentId, w.TeamId))
            .Where(g =>
            {
                var shiftStart = cameOnline.TryGetValue(g.Key.AgentId, out var online) && online > today ? online : today;
                var spans = g.Select(w => (From: w.CreatedAt > shiftStart ? w.CreatedAt : shiftStart, To: w.ResolvedAt ?? now))
                    .Where(span => span.To > span.From);
                return Covered(spans) >= limit;
            })
            .Select(g => g.Key)];
    }

    /// <summary>The time covered by <paramref name="spans"/>, overlaps counted once.</summary>
    private static TimeSpan Covered(IEnumerable<(DateTimeOffset From, DateTimeOffset To)> spans)
    {
        var total = TimeSpan.Zero;
        DateTimeOffset? end = null;
        foreach (var (from, to) in spans.OrderBy(span => span.From))
        {
            var start = end is { } previous && previous > from ? previous : from;
            if (to > start)
            {
                total += to - start;
                end = to;
            }
        }

        return total;
    }

    private async Task<Dictionary<string, AgentState>> LoadAgentsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var available = await db.Users.AsNoTracking()
            .Where(u => u.Presence == Presence.Available)
            .Select(u => new { u.Id, u.DisplayName, u.Skills, u.Languages, u.Capacity, u.LastRoutedAt, u.PresenceChangedAt })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (available.Count == 0)
        {
            return [];
        }

        var ids = available.Select(a => a.Id).ToList();
        var loads = await db.Conversations.AsNoTracking()
            .Where(c => c.AssigneeId != null && ids.Contains(c.AssigneeId) && c.Status != ConversationStatus.Resolved && c.Status != ConversationStatus.Closed)
            .GroupBy(c => new { c.AssigneeId, c.Channel })
            .Select(g => new { g.Key.AssigneeId, g.Key.Channel, Count = g.Count() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var exposure = (await Exposure.LevelsAsync(db, wellbeing.Value, now, cancellationToken: cancellationToken).ConfigureAwait(false))
            .ToDictionary(e => e.AgentId);

        return available.ToDictionary(a => a.Id, a => new AgentState(
            a.Id,
            a.DisplayName,
            a.Skills,
            a.Languages,
            a.Capacity.ToDictionary(c => c.Channel, c => c.MaxConcurrent),
            loads.Where(l => l.AssigneeId == a.Id).ToDictionary(l => l.Channel, l => l.Count),
            a.LastRoutedAt is { } routed && routed > a.PresenceChangedAt ? routed : a.PresenceChangedAt,
            exposure.GetValueOrDefault(a.Id)?.Level ?? 0,
            exposure.GetValueOrDefault(a.Id)?.LastHostileAt));
    }

    private async Task<bool> AssignAsync(Waiting conversation, AgentState agent, string reason, RoutingPolicy policy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

            // Only if it still waits: an agent may have taken it by hand since it was read.
            var taken = await db.Conversations
                .Where(c => c.Id == conversation.Id && c.AssigneeId == null && (c.Status == ConversationStatus.New || c.Status == ConversationStatus.Open))
                .ExecuteUpdateAsync(set => set.SetProperty(c => c.AssigneeId, agent.Id).SetProperty(c => c.UpdatedAt, now), cancellationToken)
                .ConfigureAwait(false);
            if (taken == 0)
            {
                return false;
            }

            var alias = await db.Users.Where(u => u.Id == agent.Id).Select(u => u.PublicAlias).SingleAsync(cancellationToken).ConfigureAwait(false);
            db.ConversationEvents.Add(new ConversationEvent
            {
                ConversationId = conversation.Id,
                At = now,
                Kind = ConversationEventKind.Assigned,
                ActorName = ActorName,
                Data = new()
                {
                    ["from"] = null,
                    ["to"] = agent.Id,
                    ["toAlias"] = alias,
                    ["by"] = "routing",
                    ["policy"] = policy == RoutingPolicy.Protective ? "protective" : "round_robin",
                    ["reason"] = reason,
                },
            });
            await Exposure.RecordAsync(db, wellbeing.Value, agent.Id, conversation.Id, conversation.Severity, null, now, cancellationToken).ConfigureAwait(false);
            await db.Users.Where(u => u.Id == agent.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(u => u.LastRoutedAt, now), cancellationToken).ConfigureAwait(false);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            db.ChangeTracker.Clear();

            events.Publish(new ConversationChange(conversation.Id, ConversationEventKind.Assigned, conversation.TeamId, agent.Id, conversation.Status, conversation.Severity, now));
            return true;
        }).ConfigureAwait(false);
    }

    private sealed record Waiting(Guid Id, Channel Channel, Guid TeamId, Guid CustomerId, Severity Severity, ConversationStatus Status, DateTimeOffset LastMessageAt);

    /// <summary>An available agent, updated as this pass hands out conversations.</summary>
    private sealed class AgentState(
        string id,
        string name,
        List<string> skills,
        List<string> languages,
        Dictionary<Channel, int> capacity,
        Dictionary<Channel, int> load,
        DateTimeOffset idleSince,
        double exposure,
        DateTimeOffset? lastHostileAt)
    {
        public string Id { get; } = id;

        public AgentSnapshot Snapshot(Channel channel, bool rotationDue) => new(
            Id,
            name,
            Available: true,
            skills,
            languages,
            capacity.GetValueOrDefault(channel),
            load.GetValueOrDefault(channel),
            idleSince,
            exposure,
            lastHostileAt,
            rotationDue);

        public void Took(Channel channel, double weight, bool hostile, DateTimeOffset now)
        {
            load[channel] = load.GetValueOrDefault(channel) + 1;
            idleSince = now;
            exposure += weight;
            if (hostile)
            {
                lastHostileAt = now;
            }
        }
    }
}

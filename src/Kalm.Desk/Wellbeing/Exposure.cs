using Kalm.Desk.Data;
using Kalm.Desk.Domain;
using Kalm.Shield;
using Microsoft.EntityFrameworkCore;

namespace Kalm.Desk.Wellbeing;

/// <summary>How an agent is doing, from the customers' side only: Kalm never guesses an agent's emotions.</summary>
/// <param name="Level">The exposure level now.</param>
/// <param name="SuggestBreak">The level reached <see cref="WellbeingOptions.SuggestBreakAt"/>: Kalm suggests a break or calmer work.</param>
/// <param name="AlertSupervisor">The level reached <see cref="WellbeingOptions.AlertSupervisorAt"/>: the supervisors are told.</param>
/// <param name="HostileContactsToday">Contacts with an abusive or threatening customer in the last 24 hours.</param>
public sealed record AgentExposure(
    string AgentId,
    string DisplayName,
    Presence Presence,
    double Level,
    bool SuggestBreak,
    bool AlertSupervisor,
    DateTimeOffset? LastHostileAt,
    int HostileContactsToday);

/// <summary>Records hostile contacts and replays them into each agent's exposure level.</summary>
public static class Exposure
{
    /// <summary>Hits older than this have faded to nothing that matters (a millionth of a threat at the default half-life).</summary>
    private static readonly TimeSpan Horizon = TimeSpan.FromHours(24);

    /// <summary>
    /// Adds a hit when <paramref name="agentId"/> handles <paramref name="conversationId"/> at
    /// <paramref name="severity"/> and has not yet been weighed down by it at that severity.
    /// Added to <paramref name="db"/>, so it is saved with the change that caused it.
    /// </summary>
    public static async Task RecordAsync(
        KalmDbContext db,
        WellbeingOptions options,
        string agentId,
        Guid conversationId,
        Severity severity,
        Guid? messageId,
        DateTimeOffset at,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(options);
        var weight = options.WeightOf(severity);
        if (weight <= 0)
        {
            return;
        }

        var counted = await db.ExposureHits
            .Where(h => h.AgentId == agentId && h.ConversationId == conversationId)
            .Select(h => (Severity?)h.Severity)
            .MaxAsync(cancellationToken).ConfigureAwait(false);
        counted = db.ExposureHits.Local.Where(h => h.AgentId == agentId && h.ConversationId == conversationId)
            .Select(h => (Severity?)h.Severity).Append(counted).Max();
        if (counted >= severity)
        {
            return;
        }

        db.ExposureHits.Add(new ExposureHit
        {
            AgentId = agentId,
            ConversationId = conversationId,
            MessageId = messageId,
            Severity = severity,
            Weight = weight - (counted is { } before ? options.WeightOf(before) : 0),
            At = at,
        });
    }

    /// <summary>The exposure of every agent (or of <paramref name="agentId"/> alone) at <paramref name="now"/>.</summary>
    public static async Task<List<AgentExposure>> LevelsAsync(
        KalmDbContext db,
        WellbeingOptions options,
        DateTimeOffset now,
        string? agentId = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(options);
        var since = now - Horizon;
        var agents = await db.Users.AsNoTracking()
            .Where(u => agentId == null || u.Id == agentId)
            .OrderBy(u => u.DisplayName)
            .Select(u => new { u.Id, u.DisplayName, u.Presence })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var hits = await db.ExposureHits.AsNoTracking()
            .Where(h => h.At >= since && h.At <= now && (agentId == null || h.AgentId == agentId))
            .Select(h => new { h.AgentId, h.ConversationId, h.At, h.Weight, h.Severity })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var presence = await db.PresenceChanges.AsNoTracking()
            .Where(p => p.At >= since && p.At <= now && (agentId == null || p.AgentId == agentId))
            .Select(p => new { p.AgentId, p.At, p.From, p.To })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var hitsByAgent = hits.ToLookup(h => h.AgentId);
        var presenceByAgent = presence.ToLookup(p => p.AgentId);

        return [.. agents.Select(agent =>
        {
            var changes = presenceByAgent[agent.Id].OrderBy(p => p.At).ToList();
            var startsOffDesk = changes.Count > 0 ? IsOffDesk(changes[0].From) : IsOffDesk(agent.Presence);
            var meter = new ExposureMeter(options, since, startsOffDesk);
            var steps = hitsByAgent[agent.Id].Select(h => (h.At, Order: 1, Weight: h.Weight, OffDesk: false))
                .Concat(changes.Select(p => (p.At, Order: 0, Weight: 0.0, OffDesk: IsOffDesk(p.To))))
                .OrderBy(s => s.At).ThenBy(s => s.Order);
            foreach (var step in steps)
            {
                if (step.Order == 0)
                {
                    meter.SetOffDesk(step.At, step.OffDesk);
                }
                else
                {
                    meter.Add(step.At, step.Weight);
                }
            }

            var level = Math.Round(meter.LevelAt(now), 2);
            var hostile = hitsByAgent[agent.Id].Where(h => h.Severity >= Severity.Abusive).ToList();
            return new AgentExposure(
                agent.Id,
                agent.DisplayName,
                agent.Presence,
                level,
                level >= options.SuggestBreakAt,
                level >= options.AlertSupervisorAt,
                hostile.Count == 0 ? null : hostile.Max(h => h.At),
                hostile.Select(h => h.ConversationId).Distinct().Count());
        })];
    }

    /// <summary>A break, being away or offline lets the level fall faster than work does.</summary>
    public static bool IsOffDesk(Presence presence) => presence is Presence.Break or Presence.Away or Presence.Offline;
}

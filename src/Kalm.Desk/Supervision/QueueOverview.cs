using Kalm.Desk.Data;
using Kalm.Desk.Domain;
using Kalm.Desk.Infrastructure;
using Kalm.Shield;
using Microsoft.EntityFrameworkCore;

namespace Kalm.Desk.Supervision;

/// <summary>One queue right now: what waits, for how long, and who is there to take it.</summary>
/// <param name="TeamId">Null for conversations that are in no queue.</param>
/// <param name="Waiting">Open conversations nobody is assigned to.</param>
/// <param name="LongestWait">How long the oldest of those has waited since its customer's last message.</param>
/// <param name="InProgress">Open conversations with an assignee.</param>
/// <param name="HostileToday">Conversations with an abusive or threatening message today.</param>
/// <param name="Presence">Members per presence.</param>
public sealed record QueueState(
    Guid? TeamId,
    string Name,
    int Waiting,
    TimeSpan? LongestWait,
    int InProgress,
    int HostileToday,
    IReadOnlyDictionary<Presence, int> Presence);

/// <summary>A hostile conversation of today, for the supervisor's attention list.</summary>
public sealed record HostileConversation(
    Guid Id,
    string? Subject,
    string? CustomerName,
    Channel Channel,
    Guid? TeamId,
    string? TeamName,
    string? AssigneeAlias,
    Severity Severity,
    ConversationStatus Status,
    DateTimeOffset LastMessageAt,
    bool SupervisorAlerted);

/// <summary>An agent and their presence, for the floor view.</summary>
public sealed record AgentPresence(string Id, string DisplayName, IReadOnlyList<string> Teams, Presence Presence, DateTimeOffset Since, int OpenAssigned);

/// <summary>What a supervisor sees: the queues, today's hostile conversations and the agents.</summary>
public sealed record SupervisorOverview(
    DateTimeOffset At,
    IReadOnlyList<QueueState> Queues,
    IReadOnlyList<HostileConversation> HostileToday,
    IReadOnlyList<AgentPresence> Agents);

public static class QueueOverview
{
    public static async Task<SupervisorOverview> LoadAsync(KalmDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var startOfDay = await StartOfDayAsync(db, now, cancellationToken).ConfigureAwait(false);
        var open = db.Conversations.Where(c => c.Status != ConversationStatus.Resolved && c.Status != ConversationStatus.Closed);

        var waiting = await open.Where(c => c.AssigneeId == null)
            .GroupBy(c => c.TeamId)
            .Select(g => new { TeamId = g.Key, Count = g.Count(), Oldest = g.Min(c => c.LastMessageAt) })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var inProgress = await open.Where(c => c.AssigneeId != null)
            .GroupBy(c => c.TeamId)
            .Select(g => new { TeamId = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var hostile = await db.Conversations
            .Where(c => c.HighestSeverity >= Severity.Abusive && c.Messages.Any(m => m.Direction == MessageDirection.Inbound && m.Severity >= Severity.Abusive && m.SentAt >= startOfDay))
            .OrderByDescending(c => c.HighestSeverity).ThenByDescending(c => c.LastMessageAt)
            .Select(c => new HostileConversation(
                c.Id,
                c.Subject,
                c.Customer!.Name,
                c.Channel,
                c.TeamId,
                c.Team == null ? null : c.Team.Name,
                c.Assignee == null ? null : c.Assignee.PublicAlias,
                c.HighestSeverity,
                c.Status,
                c.LastMessageAt,
                c.Events.Any(e => e.Kind == ConversationEventKind.SupervisorAlerted && e.At >= startOfDay)))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var agents = await db.Users
            .OrderBy(u => u.DisplayName)
            .Select(u => new
            {
                u.Id,
                u.DisplayName,
                Teams = u.Teams.Select(t => t.Id).ToList(),
                TeamNames = u.Teams.Select(t => t.Name).ToList(),
                u.Presence,
                u.PresenceChangedAt,
                OpenAssigned = db.Conversations.Count(c => c.AssigneeId == u.Id && c.Status != ConversationStatus.Resolved && c.Status != ConversationStatus.Closed),
            })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var teams = await db.Teams.OrderBy(t => t.SortOrder).ThenBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(cancellationToken).ConfigureAwait(false);

        var queues = teams.Select(t => (Guid?)t.Id).Append(null)
            .Select(teamId =>
            {
                var waited = waiting.SingleOrDefault(w => w.TeamId == teamId);
                var members = agents.Where(a => teamId is { } id && a.Teams.Contains(id)).ToList();
                return new QueueState(
                    teamId,
                    teams.SingleOrDefault(t => t.Id == teamId)?.Name ?? string.Empty,
                    waited?.Count ?? 0,
                    waited is null ? null : now - waited.Oldest,
                    inProgress.SingleOrDefault(p => p.TeamId == teamId)?.Count ?? 0,
                    hostile.Count(h => h.TeamId == teamId),
                    Enum.GetValues<Presence>().ToDictionary(p => p, p => members.Count(m => m.Presence == p)));
            })
            .Where(q => q.TeamId is not null || q.Waiting > 0 || q.InProgress > 0)
            .ToList();

        return new SupervisorOverview(
            now,
            queues,
            hostile,
            [.. agents.Select(a => new AgentPresence(a.Id, a.DisplayName, a.TeamNames, a.Presence, a.PresenceChangedAt, a.OpenAssigned))]);
    }

    /// <summary>Midnight in the organisation's time zone, so "today" matches the wall clock of the team.</summary>
    private static async Task<DateTimeOffset> StartOfDayAsync(KalmDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var zone = await OrganisationClock.ZoneAsync(db, cancellationToken).ConfigureAwait(false);
        return OrganisationClock.StartOf(OrganisationClock.DateOf(now, zone), zone);
    }
}

/// <summary>The supervisor overview as JSON, for wallboards and reports.</summary>
public static class SupervisionEndpoints
{
    public static IEndpointRouteBuilder MapSupervisionEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/v1/supervision/overview", (KalmDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
                QueueOverview.LoadAsync(db, time.GetUtcNow(), cancellationToken))
            .WithTags("Supervision")
            .WithSummary("Queues, agents' presence and today's hostile conversations")
            .RequireAuthorization(Policies.Supervisor)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }
}

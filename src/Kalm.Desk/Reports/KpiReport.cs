using System.Security.Claims;
using Kalm.Desk.Data;
using Kalm.Desk.Domain;
using Kalm.Desk.Infrastructure;
using Kalm.Desk.Routing;
using Kalm.Shield;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kalm.Desk.Reports;

/// <summary>The figures of one queue or one agent over a period.</summary>
/// <param name="Conversations">Conversations started in the period.</param>
/// <param name="Resolved">Of those, resolved or closed.</param>
/// <param name="AvgHandleSeconds">Average handle time of resolved calls and chats, whose handle time is known.</param>
/// <param name="OverGuidelineShare">Share of those over the handle-time guideline.</param>
/// <param name="AvgFirstResponseSeconds">Average time from the customer's first message to the first reply.</param>
/// <param name="AvgResolutionSeconds">Average time from start to resolution.</param>
/// <param name="Transferred">Conversations transferred at least once.</param>
/// <param name="TransferredMoreThanOnce">Conversations that broke the at-most-one-transfer policy.</param>
/// <param name="ServiceLevel">Share of calls and chats an agent took within the target; null without any.</param>
/// <param name="HostileShare">Share of conversations with an abusive or threatening message.</param>
public sealed record KpiFigures(
    string? Id,
    string Name,
    int Conversations,
    int Resolved,
    double? AvgHandleSeconds,
    double? OverGuidelineShare,
    double? AvgFirstResponseSeconds,
    double? AvgResolutionSeconds,
    int Transferred,
    int TransferredMoreThanOnce,
    double? ServiceLevel,
    double? HostileShare);

/// <summary>Key figures per queue and per agent; agents see only their own row.</summary>
public sealed record KpiReport(
    DateTimeOffset From,
    DateTimeOffset To,
    int HandleTimeGuidelineSeconds,
    int ServiceLevelTargetSeconds,
    KpiFigures Total,
    IReadOnlyList<KpiFigures> Queues,
    IReadOnlyList<KpiFigures> Agents);

/// <summary>Handle time, response and resolution times, transfers, service level and hostile-contact rate.</summary>
public static class KpiEndpoints
{
    /// <summary>Calls and chats count as answered in time when an agent took them within this.</summary>
    public static readonly TimeSpan ServiceLevelTarget = TimeSpan.FromSeconds(20);

    private static readonly TimeSpan LongestPeriod = TimeSpan.FromDays(366);

    public static IEndpointRouteBuilder MapKpiEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/v1/reports/kpis", GetAsync)
            .WithTags("Reports")
            .WithSummary("Key figures per queue and per agent for a period (default: the last 24 hours); agents see their own")
            .RequireAuthorization(Policies.Agent)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return app;
    }

    private static async Task<Results<Ok<KpiReport>, ProblemHttpResult>> GetAsync(
        ClaimsPrincipal user,
        KalmDbContext db,
        IOptions<RoutingOptions> routing,
        TimeProvider time,
        CancellationToken cancellationToken,
        DateTimeOffset? from = null,
        DateTimeOffset? to = null)
    {
        var end = to ?? time.GetUtcNow();
        var start = from ?? end.AddDays(-1);
        if (start >= end || end - start > LongestPeriod)
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status400BadRequest, "'from' must be before 'to', and the period at most 366 days.");
        }

        var report = await BuildAsync(db, start.ToUniversalTime(), end.ToUniversalTime(), routing.Value.HandleTimeGuidelineSeconds, cancellationToken).ConfigureAwait(false);
        if (!user.IsInRole(Roles.Supervisor) && !user.IsInRole(Roles.Admin))
        {
            var me = user.AgentId();
            report = report with { Agents = [.. report.Agents.Where(a => a.Id == me)] };
        }

        return TypedResults.Ok(report);
    }

    public static async Task<KpiReport> BuildAsync(KalmDbContext db, DateTimeOffset from, DateTimeOffset to, int guidelineSeconds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.Conversations.AsNoTracking()
            .Where(c => c.CreatedAt >= from && c.CreatedAt < to)
            .Select(c => new Row(
                c.TeamId,
                c.Team == null ? null : c.Team.Name,
                c.AssigneeId,
                c.Assignee == null ? null : c.Assignee.DisplayName,
                c.Channel,
                c.CreatedAt,
                c.FirstResponseAt,
                c.ResolvedAt,
                c.HandleTime,
                c.TransferCount,
                c.HighestSeverity,
                c.Events.Where(e => e.Kind == ConversationEventKind.Assigned).Min(e => (DateTimeOffset?)e.At)))
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        var guideline = TimeSpan.FromSeconds(guidelineSeconds);
        return new KpiReport(
            from,
            to,
            guidelineSeconds,
            (int)ServiceLevelTarget.TotalSeconds,
            Figures(null, "Total", rows, guideline),
            [.. rows.GroupBy(r => (r.TeamId, r.TeamName)).OrderBy(g => g.Key.TeamName).Select(g => Figures(g.Key.TeamId?.ToString(), g.Key.TeamName ?? string.Empty, [.. g], guideline))],
            [.. rows.Where(r => r.AssigneeId is not null).GroupBy(r => (r.AssigneeId, r.AssigneeName)).OrderBy(g => g.Key.AssigneeName)
                .Select(g => Figures(g.Key.AssigneeId, g.Key.AssigneeName ?? string.Empty, [.. g], guideline))]);
    }

    private static KpiFigures Figures(string? id, string name, List<Row> rows, TimeSpan guideline)
    {
        var resolved = rows.Where(r => r.ResolvedAt is not null).ToList();
        var handled = resolved.Where(r => r.HandleTime > TimeSpan.Zero).ToList();
        var answered = rows.Where(r => r.FirstResponseAt is not null).ToList();
        var live = rows.Where(r => r.Channel is Channel.Chat or Channel.Phone).ToList();
        return new KpiFigures(
            id,
            name,
            rows.Count,
            resolved.Count,
            Average(handled.Select(r => r.HandleTime.TotalSeconds)),
            handled.Count == 0 ? null : Math.Round(handled.Count(r => r.HandleTime > guideline) / (double)handled.Count, 3),
            Average(answered.Select(r => (r.FirstResponseAt!.Value - r.CreatedAt).TotalSeconds)),
            Average(resolved.Select(r => (r.ResolvedAt!.Value - r.CreatedAt).TotalSeconds)),
            rows.Count(r => r.TransferCount > 0),
            rows.Count(r => r.TransferCount > 1),
            live.Count == 0 ? null : Math.Round(live.Count(r => r.TakenWithin(ServiceLevelTarget)) / (double)live.Count, 3),
            rows.Count == 0 ? null : Math.Round(rows.Count(r => r.Severity >= Severity.Abusive) / (double)rows.Count, 3));
    }

    private static double? Average(IEnumerable<double> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? null : Math.Round(list.Average(), 1);
    }

    private sealed record Row(
        Guid? TeamId,
        string? TeamName,
        string? AssigneeId,
        string? AssigneeName,
        Channel Channel,
        DateTimeOffset CreatedAt,
        DateTimeOffset? FirstResponseAt,
        DateTimeOffset? ResolvedAt,
        TimeSpan HandleTime,
        int TransferCount,
        Severity Severity,
        DateTimeOffset? FirstAssignedAt)
    {
        /// <summary>An agent took it (routing or by hand) or answered it within <paramref name="target"/> of its start.</summary>
        public bool TakenWithin(TimeSpan target) =>
            new[] { FirstAssignedAt, FirstResponseAt }.Where(t => t is not null).Select(t => t!.Value - CreatedAt).DefaultIfEmpty(TimeSpan.MaxValue).Min() <= target;
    }
}

using System.Security.Claims;
using Kalm.Desk.Data;
using Kalm.Desk.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kalm.Desk.Channels.Chat;

/// <summary>Survey results of one agent, team or channel.</summary>
/// <param name="Key">The agent id, team id or channel name.</param>
/// <param name="Name">The agent's display name, the team's name or the channel.</param>
/// <param name="Responses">Responses that count.</param>
/// <param name="HeldForReview">Responses with an abusive comment a supervisor has not reviewed yet; not counted.</param>
/// <param name="Averages">Average score per question key.</param>
/// <param name="Average">Average over all questions.</param>
public sealed record SurveyGroup(string Key, string Name, int Responses, int HeldForReview, IReadOnlyDictionary<string, double> Averages, double? Average);

/// <summary>One survey response as supervisors see it.</summary>
/// <param name="Comment">Masked while an abusive comment waits for review.</param>
public sealed record SurveyResponseView(Guid Id, Guid ConversationId, string? Agent, string? Team, Domain.Channel Channel, IReadOnlyList<SurveyAnswer> Answers, string? Comment, bool Counted, bool NeedsReview, DateTimeOffset At);

/// <summary>A supervisor's decision on a held response: count it, or keep it out for good.</summary>
public sealed record SurveyReviewRequest(bool Count);

/// <summary>Survey results for supervisors, per agent, team or channel.</summary>
public sealed class SurveyResults(KalmDbContext db, TimeProvider time)
{
    /// <summary>The names <c>by</c> accepts.</summary>
    public static IReadOnlyList<string> Groupings { get; } = ["agent", "team", "channel"];

    public async Task<List<SurveyGroup>> GroupedAsync(string by, int days, CancellationToken cancellationToken)
    {
        var since = time.GetUtcNow().AddDays(-days);
        var responses = await db.SurveyResponses.AsNoTracking().Where(r => r.At >= since)
            .Select(r => new { r.AgentId, r.TeamId, r.Channel, r.Answers, r.Counted, Held = !r.Counted && r.ReviewedAt == null })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var agents = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken).ConfigureAwait(false);
        var teams = await db.Teams.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken).ConfigureAwait(false);
        return [.. responses
            .GroupBy(r => by switch
            {
                "agent" => (Key: r.AgentId ?? "none", Name: r.AgentId is { } a ? agents.GetValueOrDefault(a, a) : "—"),
                "team" => (Key: r.TeamId?.ToString() ?? "none", Name: r.TeamId is { } t ? teams.GetValueOrDefault(t, t.ToString()) : "—"),
                _ => (Key: ApiNames.Name(r.Channel), Name: ApiNames.Name(r.Channel)),
            })
            .Select(g =>
            {
                var counted = g.Where(r => r.Counted).SelectMany(r => r.Answers).ToList();
                return new SurveyGroup(
                    g.Key.Key,
                    g.Key.Name,
                    g.Count(r => r.Counted),
                    g.Count(r => r.Held),
                    counted.GroupBy(a => a.Key).ToDictionary(a => a.Key, a => Math.Round(a.Average(x => x.Score), 2)),
                    counted.Count == 0 ? null : Math.Round(counted.Average(a => a.Score), 2));
            })
            .OrderBy(g => g.Name, StringComparer.CurrentCulture)];
    }

    public Task<List<SurveyResponseView>> LatestAsync(int take, CancellationToken cancellationToken) =>
        ViewsAsync(db.SurveyResponses.OrderByDescending(r => r.At).Take(take), cancellationToken);

    private async Task<List<SurveyResponseView>> ViewsAsync(IQueryable<SurveyResponse> query, CancellationToken cancellationToken)
    {
        var rows = await query.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        var agents = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken).ConfigureAwait(false);
        var teams = await db.Teams.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r =>
        {
            var held = !r.Counted && r.ReviewedAt is null;
            return new SurveyResponseView(
                r.Id,
                r.ConversationId,
                r.AgentId is { } a ? agents.GetValueOrDefault(a) : null,
                r.TeamId is { } t ? teams.GetValueOrDefault(t) : null,
                r.Channel,
                r.Answers,
                // A comment kept out after review stays masked too: it never counted, so nobody needs to read it again.
                r.Counted ? r.Comment : r.MaskedComment ?? r.Comment,
                r.Counted,
                held,
                r.At);
        })];
    }

    public async Task<Results<Ok<SurveyResponseView>, ProblemHttpResult>> ReviewAsync(Guid id, SurveyReviewRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = await db.SurveyResponses.SingleOrDefaultAsync(r => r.Id == id, cancellationToken).ConfigureAwait(false);
        if (response is null)
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status404NotFound, $"No survey response {id}.");
        }

        response.Counted = request.Count;
        response.ReviewedAt = time.GetUtcNow();
        response.ReviewedById = user.AgentId();
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok((await ViewsAsync(db.SurveyResponses.Where(r => r.Id == id), cancellationToken).ConfigureAwait(false)).Single());
    }
}

public static class SurveyEndpoints
{
    private const int MaxDays = 366;

    public static IEndpointRouteBuilder MapSurveyEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("/api/v1/surveys").WithTags("Surveys").RequireAuthorization(Policies.Supervisor);
        group.MapGet("/results", async Task<Results<Ok<List<SurveyGroup>>, ProblemHttpResult>> (string? by, int? days, SurveyResults results, CancellationToken cancellationToken) =>
            {
                by = (by ?? "agent").ToLowerInvariant();
                if (!SurveyResults.Groupings.Contains(by))
                {
                    return ProblemDetailsSetup.Problem(StatusCodes.Status400BadRequest, $"Unknown grouping '{by}'; use one of: {string.Join(", ", SurveyResults.Groupings)}.");
                }

                if (days is < 1 or > MaxDays)
                {
                    return ProblemDetailsSetup.Problem(StatusCodes.Status400BadRequest, $"'days' is 1 to {MaxDays}.");
                }

                return TypedResults.Ok(await results.GroupedAsync(by, days ?? 30, cancellationToken).ConfigureAwait(false));
            })
            .WithSummary("Survey results per agent, team or channel")
            .WithDescription("Averages per question (1–5) of the responses that count; responses with an abusive comment are held until a supervisor reviews them.");
        group.MapGet("/responses", (SurveyResults results, CancellationToken cancellationToken) => results.LatestAsync(100, cancellationToken))
            .WithSummary("The latest survey responses, abusive comments masked");
        group.MapPost("/responses/{id:guid}/review", (Guid id, SurveyReviewRequest request, ClaimsPrincipal user, SurveyResults results, CancellationToken cancellationToken) =>
                results.ReviewAsync(id, request, user, cancellationToken))
            .WithSummary("Count a held response, or keep it out")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }
}

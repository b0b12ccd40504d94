using Kalm.Desk.Data;
using Kalm.Desk.Domain;
using Kalm.Desk.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kalm.Desk.Teams;

/// <summary>A team and the queue it serves.</summary>
public sealed record TeamView(Guid Id, string Name, string? Description, int SortOrder, IReadOnlyList<Channel> Channels, IReadOnlyList<string> RequiredSkills, int Members);

/// <summary>A new or changed team.</summary>
public sealed record TeamRequest(string? Name, string? Description, int SortOrder, IReadOnlyList<string>? Channels, IReadOnlyList<string>? RequiredSkills);

/// <summary>Teams and their queues: everyone reads them, admins manage them.</summary>
public static class TeamEndpoints
{
    public static IEndpointRouteBuilder MapTeamEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("/api/v1/teams")
            .WithTags("Teams")
            .RequireAuthorization(Policies.Agent)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapGet("/", async (KalmDbContext db, CancellationToken cancellationToken) => TypedResults.Ok(await ListAsync(db, cancellationToken).ConfigureAwait(false)))
            .WithSummary("Teams with the channels their queue serves");
        group.MapPost("/", (TeamRequest body, KalmDbContext db) => SaveAsync(null, body, db))
            .WithSummary("Create a team (admins)").RequireAuthorization(Policies.Admin)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/{id:guid}", (Guid id, TeamRequest body, KalmDbContext db) => SaveAsync(id, body, db))
            .WithSummary("Change a team (admins)").RequireAuthorization(Policies.Admin)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    internal static Task<List<TeamView>> ListAsync(KalmDbContext db, CancellationToken cancellationToken) =>
        db.Teams.OrderBy(t => t.SortOrder).ThenBy(t => t.Name)
            .Select(t => new TeamView(t.Id, t.Name, t.Description, t.SortOrder, t.Channels, t.RequiredSkills, t.Members.Count))
            .ToListAsync(cancellationToken);

    internal static async Task<Results<Ok<TeamView>, ProblemHttpResult>> SaveAsync(Guid? id, TeamRequest body, KalmDbContext db)
    {
        var name = body.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200)
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status400BadRequest, "'name' is required and at most 200 characters.");
        }

        var channels = new List<Channel>();
        foreach (var value in body.Channels ?? [])
        {
            if (!ApiNames.TryParse<Channel>(value, out var channel))
            {
                return ProblemDetailsSetup.Problem(StatusCodes.Status400BadRequest, $"Unknown channel '{value}'; use one of: {ApiNames.List<Channel>()}.");
            }

            channels.Add(channel);
        }

        if (await db.Teams.AnyAsync(t => t.Name == name && t.Id != id).ConfigureAwait(false))
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status409Conflict, $"A team named '{name}' exists already.");
        }

        var team = id is null ? null : await db.Teams.FindAsync(id.Value).ConfigureAwait(false);
        if (id is not null && team is null)
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status404NotFound, $"No team {id} exists.");
        }

        if (team is null)
        {
            team = new Team { Name = name };
            db.Teams.Add(team);
        }

        team.Name = name;
        team.Description = string.IsNullOrWhiteSpace(body.Description) ? null : body.Description.Trim();
        team.SortOrder = body.SortOrder;
        team.Channels = [.. channels.Distinct()];
        team.RequiredSkills = [.. (body.RequiredSkills ?? []).Select(s => s.Trim().ToLowerInvariant()).Where(s => s.Length is > 0 and <= 50).Distinct()];
        await db.SaveChangesAsync().ConfigureAwait(false);
        return TypedResults.Ok((await ListAsync(db, CancellationToken.None).ConfigureAwait(false)).Single(t => t.Id == team.Id));
    }
}

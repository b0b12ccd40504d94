using System.Security.Claims;
using Kalm.Desk.Data;
using Kalm.Desk.Domain;
using Kalm.Desk.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kalm.Desk.Agents;

/// <summary>An agent as colleagues see them.</summary>
public sealed record AgentView(
    string Id,
    string DisplayName,
    string PublicAlias,
    string? Email,
    IReadOnlyList<string> Teams,
    IReadOnlyList<string> Skills,
    IReadOnlyList<string> Languages,
    Presence Presence,
    DateTimeOffset PresenceChangedAt);

/// <summary>A presence to switch to: available, busy, break, away or offline.</summary>
public sealed record PresenceRequest(string? Presence);

/// <summary>Agents, their profile and their presence.</summary>
public static class AgentEndpoints
{
    public static IHostApplicationBuilder AddAgents(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<AgentAdministration>();
        return builder;
    }

    public static IEndpointRouteBuilder MapAgentEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("/api/v1/agents")
            .WithTags("Agents")
            .RequireAuthorization(Policies.Agent)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        group.MapGet("/", async (KalmDbContext db, CancellationToken cancellationToken) =>
                TypedResults.Ok(await Views(db.Users.OrderBy(a => a.DisplayName)).ToListAsync(cancellationToken).ConfigureAwait(false)))
            .WithSummary("All agents with their presence");
        group.MapGet("/me", async Task<Results<Ok<AgentView>, ProblemHttpResult>> (ClaimsPrincipal user, KalmDbContext db, CancellationToken cancellationToken) =>
                await Views(db.Users.Where(a => a.Id == user.AgentId())).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false) is { } me
                    ? TypedResults.Ok(me)
                    : ProblemDetailsSetup.Problem(StatusCodes.Status404NotFound, "Your account no longer exists."))
            .WithSummary("The signed-in agent");
        var admin = group.MapGroup("/").RequireAuthorization(Policies.Admin).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status400BadRequest);
        admin.MapPost("/", (InviteAgentRequest body, AgentAdministration administration) => administration.InviteAsync(body))
            .WithSummary("Invite an agent: creates the account with a one-time password, returned once")
            .ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapPut("/{id}", (string id, UpdateAgentRequest body, ClaimsPrincipal user, AgentAdministration administration) => administration.UpdateAsync(id, body, user))
            .WithSummary("Change an agent's names, role, teams, skills, languages and capacity")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/me/presence", SetPresenceAsync).WithSummary("Switch my presence").ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    private static async Task<Results<Ok<AgentView>, ProblemHttpResult>> SetPresenceAsync(
        PresenceRequest body,
        ClaimsPrincipal user,
        KalmDbContext db,
        TimeProvider time,
        Routing.RoutingSignal routing)
    {
        if (!ApiNames.TryParse<Presence>(body.Presence, out var presence))
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status400BadRequest, $"Unknown presence '{body.Presence}'; use one of: {ApiNames.List<Presence>()}.");
        }

        var agentId = user.AgentId();
        var agent = await db.Users.SingleOrDefaultAsync(a => a.Id == agentId).ConfigureAwait(false);
        if (agent is null)
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status404NotFound, "Your account no longer exists.");
        }

        if (agent.SwitchPresence(presence, time.GetUtcNow()))
        {
            await db.SaveChangesAsync().ConfigureAwait(false);
            routing.Poke();
        }

        return TypedResults.Ok(await Views(db.Users.Where(a => a.Id == agentId)).SingleAsync().ConfigureAwait(false));
    }

    private static IQueryable<AgentView> Views(IQueryable<AgentUser> agents) =>
        agents.Select(a => new AgentView(
            a.Id,
            a.DisplayName,
            a.PublicAlias,
            a.Email,
            a.Teams.Select(t => t.Name).ToList(),
            a.Skills,
            a.Languages,
            a.Presence,
            a.PresenceChangedAt));
}

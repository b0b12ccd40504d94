using System.Security.Claims;
using Kalm.Desk.Data;
using Kalm.Desk.Domain;
using Kalm.Desk.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Kalm.Desk.Protection;

/// <summary>Conduct records and the incident registry.</summary>
public static class ProtectionEndpoints
{
    public static IHostApplicationBuilder AddProtection(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<ConductOptions>().BindConfiguration(ConductOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<ConductService>();
        return builder;
    }

    public static IEndpointRouteBuilder MapProtectionEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var conduct = app.MapGroup("/api/v1/customers/{customerId:guid}/conduct")
            .WithTags("Protection")
            .RequireAuthorization(Policies.Agent)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
        conduct.MapGet("/", GetConductAsync).WithSummary("The customer's conduct record: level, counts per category, incidents, changes");
        conduct.MapPost("/changes", ChangeConductAsync)
            .WithSummary("Add a note, or lower the level with a reason (supervisors)")
            .RequireAuthorization(Policies.Supervisor)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        var incidents = app.MapGroup("/api/v1/incidents")
            .WithTags("Protection")
            .RequireAuthorization(Policies.Agent)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        incidents.MapPost("/", (IncidentRequest body, ClaimsPrincipal user, ConductService service) => service.RegisterAsync(body, user))
            .WithSummary("Register an incident from a message or conversation; Shield fills in category, severity, channel and the words")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        incidents.MapGet("/", (ConductService service, CancellationToken cancellationToken, int take = 100) => service.ListAsync(Math.Clamp(take, 1, 500), cancellationToken))
            .WithSummary("Incidents, drafts first, newest first (supervisors)")
            .RequireAuthorization(Policies.Supervisor)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    private static async Task<Results<Ok<ConductSummary>, ProblemHttpResult>> GetConductAsync(
        Guid customerId, ConductService service, CancellationToken cancellationToken, Guid? excludingConversation = null) =>
        await service.GetAsync(customerId, excludingConversation, cancellationToken).ConfigureAwait(false) is { } summary
            ? TypedResults.Ok(summary)
            : ProblemDetailsSetup.Problem(StatusCodes.Status404NotFound, $"No customer {customerId} exists.");

    private static async Task<Results<Ok<ConductSummary>, ProblemHttpResult>> ChangeConductAsync(
        Guid customerId, ConductChangeRequest body, ClaimsPrincipal user, ConductService service, UserManager<AgentUser> users)
    {
        var name = (await users.GetUserAsync(user).ConfigureAwait(false))?.DisplayName ?? user.Identity?.Name ?? "?";
        return await service.ChangeAsync(customerId, body, user, name).ConfigureAwait(false);
    }
}

using System.Security.Claims;
using Kalm.Desk.Data;
using Kalm.Desk.Domain;
using Kalm.Desk.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Kalm.Desk.Protection;

/// <summary>
/// Conduct records, the incident registry and its export, trends with organisation events, the
/// agents' privacy profile and their kudos.
/// </summary>
public static class ProtectionEndpoints
{
    public static IHostApplicationBuilder AddProtection(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<ConductOptions>().BindConfiguration(ConductOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<TrendOptions>().BindConfiguration(TrendOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<ConductService>();
        builder.Services.AddScoped<TrendService>();
        builder.Services.AddOptions<CareOptions>().BindConfiguration(CareOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.Countries.ContainsKey(o.DefaultCountry), "Kalm:Care:DefaultCountry names a country that has no line in Kalm:Care:Countries.")
            .Validate(o => o.Countries.Values.All(l => !string.IsNullOrWhiteSpace(l.Name) && !string.IsNullOrWhiteSpace(l.Phone)), "Every line in Kalm:Care:Countries has a name and a phone number.")
            .ValidateOnStart();
        builder.Services.AddScoped<CareRoute>();
        builder.Services.AddScoped<PrivacyCheck>();
        builder.Services.AddScoped<KudosService>();
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
        incidents.MapGet("/export.csv", (KalmDbContext db, CancellationToken cancellationToken, DateOnly? from = null, DateOnly? to = null, string? category = null, string? channel = null, Guid? team = null) =>
                IncidentExport.ExportAsync(db, new IncidentFilter(from, to, category, channel, team), cancellationToken))
            .WithSummary("Incidents as CSV (UTF-8, header row), filtered by period, category, channel and queue (supervisors)")
            .RequireAuthorization(Policies.Supervisor)
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        MapTrendEndpoints(app);
        MapPrivacyEndpoints(app);
        MapKudosEndpoints(app);
        return app;
    }

    private static void MapKudosEndpoints(IEndpointRouteBuilder app)
    {
        var kudos = app.MapGroup("/api/v1/kudos")
            .WithTags("Protection")
            .RequireAuthorization(Policies.Agent)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        kudos.MapGet("/me", (ClaimsPrincipal user, KudosService service, CancellationToken cancellationToken, int take = 20) => service.MineAsync(user.AgentId(), Math.Clamp(take, 1, 200), cancellationToken))
            .WithSummary("Compliments customers paid in my conversations");
        kudos.MapGet("/team", (ClaimsPrincipal user, KudosService service, CancellationToken cancellationToken, int take = 20) => service.TeamAsync(user.AgentId(), Math.Clamp(take, 1, 200), cancellationToken))
            .WithSummary("Compliments of my team mates who share theirs");
    }

    private static void MapPrivacyEndpoints(IEndpointRouteBuilder app)
    {
        var privacy = app.MapGroup("/api/v1/agents")
            .WithTags("Protection")
            .RequireAuthorization(Policies.Agent)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        privacy.MapGet("/me/privacy", async Task<Results<Ok<AgentPrivacy>, ProblemHttpResult>> (ClaimsPrincipal user, KalmDbContext db, CancellationToken cancellationToken) =>
                await AgentPrivacyProfile.GetAsync(db, user.AgentId(), cancellationToken).ConfigureAwait(false) is { } profile
                    ? TypedResults.Ok(profile)
                    : ProblemDetailsSetup.Problem(StatusCodes.Status404NotFound, "Your account no longer exists."))
            .WithSummary("My personal data that replies are checked for, and whether my kudos are shared");
        privacy.MapPut("/me/privacy", (AgentPrivacy body, ClaimsPrincipal user, KalmDbContext db) => AgentPrivacyProfile.SaveAsync(db, user.AgentId(), body))
            .WithSummary("Change my personal data that replies are checked for")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        privacy.MapPut("/{id}/privacy", (string id, AgentPrivacy body, KalmDbContext db) => AgentPrivacyProfile.SaveAsync(db, id, body))
            .WithSummary("Change an agent's personal data that replies are checked for (admins)")
            .RequireAuthorization(Policies.Admin)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static void MapTrendEndpoints(IEndpointRouteBuilder app)
    {
        var trends = app.MapGroup("/api/v1/protection")
            .WithTags("Protection")
            .RequireAuthorization(Policies.Supervisor)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        trends.MapGet("/trends", (TrendService service, CancellationToken cancellationToken, DateOnly? from = null, DateOnly? to = null) => service.GetAsync(from, to, cancellationToken))
            .WithSummary("Hostile contacts and incidents per day and week, overall and per queue, with significant rises and organisation events")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        trends.MapGet("/rie-report", async Task<Results<Ok<RieReport>, ProblemHttpResult>> (TrendService service, DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
                await service.RieAsync(from, to, cancellationToken).ConfigureAwait(false) is { } report
                    ? TypedResults.Ok(report)
                    : ProblemDetailsSetup.Problem(StatusCodes.Status400BadRequest, "'from' must be on or before 'to', at most a year apart."))
            .WithSummary("RI&E figures: incidents per week by category, channel and queue, with follow-up talks and police reports")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        var events = trends.MapGroup("/events");
        events.MapGet("/", async (TrendService service, TimeProvider time, CancellationToken cancellationToken, DateOnly? from = null, DateOnly? to = null) =>
            {
                var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
                return await service.ListEventsAsync(from ?? today.AddDays(-TrendService.DefaultDays), to ?? today.AddDays(TrendService.DefaultDays), cancellationToken).ConfigureAwait(false);
            })
            .WithSummary("Organisation events (mailings, price changes, outages) on the trend timeline");
        events.MapPost("/", AddEventAsync)
            .WithSummary("Mark an organisation event: date, title, optional description and queue")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        events.MapPut("/{id:guid}", async (Guid id, OrganisationEventRequest body, ClaimsPrincipal user, TrendService service, UserManager<AgentUser> users) =>
                await service.SaveEventAsync(id, body, user, await DisplayNameAsync(users, user).ConfigureAwait(false)).ConfigureAwait(false))
            .WithSummary("Change an organisation event")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        events.MapDelete("/{id:guid}", async Task<Results<NoContent, ProblemHttpResult>> (Guid id, TrendService service) =>
                await service.DeleteEventAsync(id).ConfigureAwait(false)
                    ? TypedResults.NoContent()
                    : ProblemDetailsSetup.Problem(StatusCodes.Status404NotFound, $"No organisation event {id} exists."))
            .WithSummary("Remove an organisation event")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Created<OrganisationEventView>, ProblemHttpResult>> AddEventAsync(
        OrganisationEventRequest body, ClaimsPrincipal user, TrendService service, UserManager<AgentUser> users)
    {
        var saved = await service.SaveEventAsync(null, body, user, await DisplayNameAsync(users, user).ConfigureAwait(false)).ConfigureAwait(false);
        return saved.Result is Ok<OrganisationEventView> { Value: { } created }
            ? TypedResults.Created($"/api/v1/protection/events/{created.Id}", created)
            : (ProblemHttpResult)saved.Result;
    }

    private static async Task<string> DisplayNameAsync(UserManager<AgentUser> users, ClaimsPrincipal user) =>
        (await users.GetUserAsync(user).ConfigureAwait(false))?.DisplayName ?? user.Identity?.Name ?? "?";

    private static async Task<Results<Ok<ConductSummary>, ProblemHttpResult>> GetConductAsync(
        Guid customerId, ConductService service, CancellationToken cancellationToken, Guid? excludingConversation = null) =>
        await service.GetAsync(customerId, excludingConversation, cancellationToken).ConfigureAwait(false) is { } summary
            ? TypedResults.Ok(summary)
            : ProblemDetailsSetup.Problem(StatusCodes.Status404NotFound, $"No customer {customerId} exists.");

    private static async Task<Results<Ok<ConductSummary>, ProblemHttpResult>> ChangeConductAsync(
        Guid customerId, ConductChangeRequest body, ClaimsPrincipal user, ConductService service, UserManager<AgentUser> users)
    {
        return await service.ChangeAsync(customerId, body, user, await DisplayNameAsync(users, user).ConfigureAwait(false)).ConfigureAwait(false);
    }
}

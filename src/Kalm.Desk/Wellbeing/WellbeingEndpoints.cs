using System.Security.Claims;
using Kalm.Desk.Data;
using Kalm.Desk.Domain;
using Kalm.Desk.Infrastructure;
using Kalm.Desk.Routing;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kalm.Desk.Wellbeing;

/// <summary>An agent's own view of their exposure.</summary>
/// <param name="SuggestBreakAt">The level at which Kalm suggests a break.</param>
/// <param name="Purpose">What the figure is for, and what it is never used for.</param>
public sealed record MyWellbeing(AgentExposure Exposure, double SuggestBreakAt, double AlertSupervisorAt, int TimeOutMinutes, string Purpose);

/// <summary>Asks for a time-out; <see cref="Suggested"/> says the agent accepts Kalm's suggestion, which the supervisors hear about.</summary>
public sealed record TimeOutRequest(bool Suggested = false);

/// <summary>The time-out that started.</summary>
public sealed record TimeOutView(DateTimeOffset Since, DateTimeOffset Until, bool SupervisorsTold);

/// <summary>Something about an agent's wellbeing that the supervisors on duty should know now.</summary>
public sealed record WellbeingNotice(string AgentId, string DisplayName, double Level, bool AcceptedSuggestion, DateTimeOffset At);

/// <summary>Tells open supervisor screens about <see cref="WellbeingNotice"/>s in this process.</summary>
public sealed class WellbeingNotices
{
    public event Action<WellbeingNotice>? Raised;

    public void Raise(WellbeingNotice notice) => Raised?.Invoke(notice);
}

/// <summary>Exposure for the agent and their supervisors, and the one-click time-out.</summary>
public static class WellbeingEndpoints
{
    /// <summary>Shown with the figure wherever it appears.</summary>
    public const string Purpose = "Computed only from what customers wrote to you, to protect you: never used to judge your performance.";

    public static IHostApplicationBuilder AddWellbeing(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<WellbeingOptions>().BindConfiguration(WellbeingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<WellbeingNotices>();
        return builder;
    }

    public static IEndpointRouteBuilder MapWellbeingEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("/api/v1/wellbeing")
            .WithTags("Wellbeing")
            .RequireAuthorization(Policies.Agent)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapGet("/me", MineAsync).WithSummary("My exposure to hostile customers, and whether Kalm suggests a break");
        group.MapPost("/me/time-out", TimeOutAsync).WithSummary("Take a time-out after a bad contact: a break, and routing sends nothing meanwhile");
        group.MapGet("/team", (KalmDbContext db, IOptions<WellbeingOptions> options, TimeProvider time, CancellationToken cancellationToken) =>
                Exposure.LevelsAsync(db, options.Value, time.GetUtcNow(), cancellationToken: cancellationToken))
            .WithSummary("Every agent's exposure, live (supervisors)")
            .RequireAuthorization(Policies.Supervisor)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    /// <summary>Starts a time-out for <paramref name="agentId"/>: presence break, and the supervisors told if the agent accepted a suggestion.</summary>
    public static async Task<TimeOutView?> StartTimeOutAsync(
        KalmDbContext db,
        WellbeingOptions options,
        WellbeingNotices notices,
        TimeProvider time,
        string agentId,
        bool suggested,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(notices);
        var agent = await db.Users.SingleOrDefaultAsync(a => a.Id == agentId, cancellationToken).ConfigureAwait(false);
        if (agent is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        agent.SwitchPresence(Presence.Break, now);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);

        var level = (await Exposure.LevelsAsync(db, options, now, agentId, cancellationToken).ConfigureAwait(false)).Single().Level;
        var tell = suggested || level >= options.AlertSupervisorAt;
        if (tell)
        {
            notices.Raise(new WellbeingNotice(agent.Id, agent.DisplayName, level, suggested, now));
        }

        return new TimeOutView(now, now.AddMinutes(options.TimeOutMinutes), tell);
    }

    private static async Task<Results<Ok<MyWellbeing>, ProblemHttpResult>> MineAsync(
        ClaimsPrincipal user, KalmDbContext db, IOptions<WellbeingOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var mine = await Exposure.LevelsAsync(db, options.Value, time.GetUtcNow(), user.AgentId(), cancellationToken).ConfigureAwait(false);
        return mine is [var exposure]
            ? TypedResults.Ok(new MyWellbeing(exposure, options.Value.SuggestBreakAt, options.Value.AlertSupervisorAt, options.Value.TimeOutMinutes, Purpose))
            : ProblemDetailsSetup.Problem(StatusCodes.Status404NotFound, "Your account no longer exists.");
    }

    private static async Task<Results<Ok<TimeOutView>, ProblemHttpResult>> TimeOutAsync(
        TimeOutRequest? body,
        ClaimsPrincipal user,
        KalmDbContext db,
        IOptions<WellbeingOptions> options,
        WellbeingNotices notices,
        TimeProvider time,
        RoutingSignal routing,
        CancellationToken cancellationToken)
    {
        var started = await StartTimeOutAsync(db, options.Value, notices, time, user.AgentId(), body?.Suggested ?? false, cancellationToken).ConfigureAwait(false);
        if (started is null)
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status404NotFound, "Your account no longer exists.");
        }

        routing.Poke();
        return TypedResults.Ok(started);
    }
}

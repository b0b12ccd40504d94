using Kalm.Desk.Domain;
using Kalm.Desk.Infrastructure;
using Kalm.Desk.Wellbeing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kalm.Desk.Routing;

/// <summary>Routing of waiting conversations to agents, and the waiting times customers are told.</summary>
public static class RoutingEndpoints
{
    public static IHostApplicationBuilder AddRouting(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<RoutingOptions>().BindConfiguration(RoutingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<QueueRouter>();
        builder.Services.AddScoped<QueueEstimates>();
        builder.Services.AddSingleton<RoutingSignal>();
        builder.Services.AddSingleton<RoutingHolds>();
        builder.Services.AddHostedService<RoutingWorker>();
        return builder;
    }

    public static IEndpointRouteBuilder MapRoutingEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("/api/v1")
            .WithTags("Routing")
            .RequireAuthorization(Policies.AgentOrIntegration)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/queues/{teamId:guid}/wait", QueueWaitAsync)
            .WithSummary("How long a customer joining this queue may wait, as a range (for chat widgets, mail acknowledgements and phone systems)")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/conversations/{id:guid}/queue-position", QueuePositionAsync)
            .WithSummary("The conversation's place in its queue and the range of its remaining wait");
        return app;
    }

    private static async Task<Results<Ok<QueueWait>, ProblemHttpResult>> QueueWaitAsync(Guid teamId, QueueEstimates estimates, CancellationToken cancellationToken, string? channel = null)
    {
        Channel? on = null;
        if (channel is not null)
        {
            if (!ApiNames.TryParse<Channel>(channel, out var parsed))
            {
                return ProblemDetailsSetup.Problem(StatusCodes.Status400BadRequest, $"Unknown channel '{channel}'; use one of: {ApiNames.List<Channel>()}.");
            }

            on = parsed;
        }

        return await estimates.ForQueueAsync(teamId, on, cancellationToken).ConfigureAwait(false) is { } wait
            ? TypedResults.Ok(wait)
            : ProblemDetailsSetup.Problem(StatusCodes.Status404NotFound, $"No queue {teamId} exists.");
    }

    private static async Task<Results<Ok<QueuePosition>, ProblemHttpResult>> QueuePositionAsync(Guid id, QueueEstimates estimates, CancellationToken cancellationToken) =>
        await estimates.ForConversationAsync(id, cancellationToken).ConfigureAwait(false) is { } position
            ? TypedResults.Ok(position)
            : ProblemDetailsSetup.Problem(StatusCodes.Status404NotFound, $"No conversation {id} exists.");
}

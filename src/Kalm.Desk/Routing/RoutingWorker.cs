using System.Threading.Channels;
using Kalm.Desk.Domain;
using Kalm.Desk.Infrastructure;
using Microsoft.Extensions.Options;
using Channel = System.Threading.Channels.Channel;

namespace Kalm.Desk.Routing;

/// <summary>Wakes the router when something may have made a conversation routable: an agent became available, say.</summary>
public sealed class RoutingSignal
{
    private readonly Channel<bool> _pokes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Asks for a routing pass soon; pokes that arrive before it runs fold into one.</summary>
    public void Poke() => _pokes.Writer.TryWrite(true);

    /// <summary>Waits for a poke or until <paramref name="timeout"/> passes on <paramref name="time"/>.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(timeout, time, timeoutSource.Token);
        var poke = _pokes.Reader.WaitToReadAsync(timeoutSource.Token).AsTask();
        await Task.WhenAny(delay, poke).ConfigureAwait(false);
        await timeoutSource.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        _pokes.Reader.TryRead(out _);
    }
}

/// <summary>
/// Runs <see cref="QueueRouter"/> whenever a conversation starts, comes back to a queue or frees an
/// agent, whenever an agent's presence changes, when a hold ends, and every <see cref="RoutingOptions.SweepSeconds"/>.
/// </summary>
public sealed class RoutingWorker(
    IServiceScopeFactory scopes,
    IConversationEvents events,
    RoutingSignal signal,
    RoutingHolds holds,
    IOptions<RoutingOptions> options,
    TimeProvider time,
    ILogger<RoutingWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        var listening = ListenAsync(stoppingToken);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await RouteOnceAsync(stoppingToken).ConfigureAwait(false);
                await signal.WaitAsync(UntilNextPass(), time, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await listening.ConfigureAwait(false);
    }

    /// <summary>The sweep interval, or less when a held conversation is due to be handed over sooner.</summary>
    private TimeSpan UntilNextPass()
    {
        var sweep = TimeSpan.FromSeconds(options.Value.SweepSeconds);
        var now = time.GetUtcNow();
        return holds.NextEndAfter(now) is { } holdEnds && holdEnds - now < sweep ? holdEnds - now : sweep;
    }

    private async Task RouteOnceAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var routed = await scope.ServiceProvider.GetRequiredService<QueueRouter>().RouteWaitingAsync(stoppingToken).ConfigureAwait(false);
            foreach (var conversation in routed)
            {
                logger.LogInformation("Routed conversation {ConversationId} to {AgentId}: {Reason}", conversation.ConversationId, conversation.AgentId, conversation.Reason);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A failed pass (the database restarting, say) must not stop routing; the next pass retries.
            logger.LogError(exception, "A routing pass failed");
        }
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var change in events.SubscribeAsync(stoppingToken).ConfigureAwait(false))
            {
                if (change.Kind is ConversationEventKind.Created or ConversationEventKind.MessageReceived or ConversationEventKind.Unassigned
                    or ConversationEventKind.Transferred or ConversationEventKind.StatusChanged)
                {
                    signal.Poke();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}

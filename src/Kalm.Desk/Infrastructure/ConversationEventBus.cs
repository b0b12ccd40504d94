using System.Threading.Channels;
using Kalm.Desk.Domain;
using Kalm.Shield;
using Channel = System.Threading.Channels.Channel;

namespace Kalm.Desk.Infrastructure;

/// <summary>
/// Something that happened to a conversation, published after it was committed. Carries what a
/// subscriber needs to decide who may see it (team, assignee) without another query.
/// </summary>
public sealed record ConversationChange(
    Guid ConversationId,
    ConversationEventKind Kind,
    Guid? TeamId,
    string? AssigneeId,
    ConversationStatus Status,
    Severity HighestSeverity,
    DateTimeOffset At,
    Guid? MessageId = null)
{
    /// <summary>Describes a committed change of <paramref name="conversation"/> in its current state.</summary>
    public static ConversationChange For(Conversation conversation, ConversationEventKind kind, DateTimeOffset at, Guid? messageId = null)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        return new(conversation.Id, kind, conversation.TeamId, conversation.AssigneeId, conversation.Status, conversation.HighestSeverity, at, messageId);
    }
}

/// <summary>Publishes committed conversation changes to whoever listens in this process.</summary>
public interface IConversationEvents
{
    /// <summary>Publishes a change; never blocks on slow subscribers.</summary>
    void Publish(ConversationChange change);

    /// <summary>Reads every change published from now on until <paramref name="cancellationToken"/> fires.</summary>
    IAsyncEnumerable<ConversationChange> SubscribeAsync(CancellationToken cancellationToken);
}

/// <summary>
/// An in-process fan-out over bounded channels: the SignalR hub, routing and channel senders each
/// subscribe. A subscriber that falls behind loses its oldest changes rather than slowing ingest.
/// </summary>
public sealed class ConversationEventBus : IConversationEvents
{
    private const int SubscriberCapacity = 1024;

    private readonly Lock _gate = new();
    private readonly List<Channel<ConversationChange>> _subscribers = [];

    public void Publish(ConversationChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryWrite(change);
            }
        }
    }

    public async IAsyncEnumerable<ConversationChange> SubscribeAsync(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<ConversationChange>(new BoundedChannelOptions(SubscriberCapacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        lock (_gate)
        {
            _subscribers.Add(channel);
        }

        try
        {
            while (await channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (channel.Reader.TryRead(out var change))
                {
                    yield return change;
                }
            }
        }
        finally
        {
            lock (_gate)
            {
                _subscribers.Remove(channel);
            }
        }
    }
}

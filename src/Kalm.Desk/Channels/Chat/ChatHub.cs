using System.Collections.Concurrent;
using Kalm.Desk.Domain;
using Kalm.Desk.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace Kalm.Desk.Channels.Chat;

/// <summary>
/// The public hub the chat widget talks to. Anonymous: a connection belongs to a visitor once it
/// calls <see cref="Start"/> with a token the desk signed, and only ever joins that visitor's group.
/// </summary>
[AllowAnonymous]
public sealed class ChatHub(ChatService chat, ChatConnections connections, ChatRateLimits limits, ChatTyping typing) : Hub
{
    public const string Path = "/hubs/chat";

    /// <summary>The client method that receives the visitor's <see cref="ChatView"/> after every change.</summary>
    public const string ChatChanged = "chat";

    /// <summary>The client method told that the agent is typing (with the agent's alias).</summary>
    public const string AgentTyping = "agentTyping";

    /// <summary>The desk client method told that a visitor is typing in a conversation.</summary>
    public const string VisitorTyping = "visitorTyping";

    private const string VisitorKey = "visitor";

    internal static string VisitorGroup(string visitorId) => "visitor:" + visitorId;

    /// <summary>Starts or resumes the visitor's chat and subscribes this connection to it (and to no other visitor's).</summary>
    public async Task<ChatStartResponse> Start(ChatStartRequest request)
    {
        Limit();
        var response = Unwrap(await chat.StartAsync(request, Context.ConnectionAborted).ConfigureAwait(false));
        var visitor = chat.Read(response.Token)!;
        var previous = Context.Items.TryGetValue(VisitorKey, out var value) ? value as VisitorTicket : null;
        if (previous?.Id == visitor.Id)
        {
            return response;
        }

        if (previous is not null)
        {
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, VisitorGroup(previous.Id)).ConfigureAwait(false);
            connections.Left(previous.Id);
        }

        Context.Items[VisitorKey] = visitor;
        connections.Joined(visitor.Id);
        await Groups.AddToGroupAsync(Context.ConnectionId, VisitorGroup(visitor.Id)).ConfigureAwait(false);
        return response;
    }

    /// <summary>Sends a message from the visitor.</summary>
    public async Task<ChatSendResponse> Send(string text)
    {
        var visitor = Visitor();
        Limit(visitor);
        return Unwrap(await chat.SendAsync(visitor, text, Context.ConnectionAborted).ConfigureAwait(false));
    }

    /// <summary>The visitor's chat as it stands.</summary>
    public Task<ChatView> State()
    {
        var visitor = Visitor();
        Limit(visitor);
        return chat.ViewAsync(visitor, Context.ConnectionAborted);
    }

    /// <summary>Tells the agents on the conversation that the visitor is typing.</summary>
    public async Task Typing()
    {
        var visitor = Visitor();
        Limit(visitor);
        if (await chat.OpenChatAsync(visitor.Id, Context.ConnectionAborted).ConfigureAwait(false) is { } open)
        {
            await typing.VisitorTypesAsync(open, Context.ConnectionAborted).ConfigureAwait(false);
        }
    }

    /// <summary>Answers the survey of the visitor's resolved chat.</summary>
    public async Task<ChatView> Survey(SurveyAnswersRequest answers)
    {
        var visitor = Visitor();
        Limit(visitor);
        return Unwrap(await chat.SubmitSurveyAsync(visitor, answers, Context.ConnectionAborted).ConfigureAwait(false));
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        if (Context.Items.TryGetValue(VisitorKey, out var value) && value is VisitorTicket visitor)
        {
            connections.Left(visitor.Id);
        }

        await base.OnDisconnectedAsync(exception).ConfigureAwait(false);
    }

    private VisitorTicket Visitor() =>
        Context.Items.TryGetValue(VisitorKey, out var value) && value is VisitorTicket visitor
            ? visitor
            : throw new HubException("Call Start with your visitor token first.");

    private void Limit(VisitorTicket? visitor = null)
    {
        var ip = Context.GetHttpContext()?.Connection.RemoteIpAddress?.ToString();
        if (!limits.TryAcquire(ip, visitor?.Id))
        {
            throw new HubException("Too many messages; wait a minute and try again.");
        }
    }

    // Hub callers get the problem's sentence; HubException is the only exception whose message reaches them.
    private static T Unwrap<T>(Results<Ok<T>, ProblemHttpResult> result) => result.Result switch
    {
        Ok<T> ok => ok.Value!,
        ProblemHttpResult problem => throw new HubException(problem.ProblemDetails.Detail),
        _ => throw new InvalidOperationException("Unexpected result."),
    };
}

/// <summary>Which visitors have a live connection, so changes are only worked out for someone listening.</summary>
public sealed class ChatConnections
{
    private readonly ConcurrentDictionary<string, int> _visitors = new();

    public void Joined(string visitorId) => _visitors.AddOrUpdate(visitorId, 1, (_, count) => count + 1);

    public void Left(string visitorId)
    {
        if (_visitors.AddOrUpdate(visitorId, 0, (_, count) => count - 1) <= 0)
        {
            _visitors.TryRemove(new KeyValuePair<string, int>(visitorId, 0));
        }
    }

    public bool IsConnected(string visitorId) => _visitors.ContainsKey(visitorId);
}

/// <summary>
/// Pushes each visitor their chat when it changes, and the waiting visitors their queue position
/// whenever a queue may have moved; a timer catches what moves without a conversation event (presence).
/// </summary>
public sealed class ChatBroadcaster(
    IConversationEvents events,
    IServiceScopeFactory scopes,
    IHubContext<ChatHub> hub,
    ChatConnections connections,
    TimeProvider time,
    ILogger<ChatBroadcaster> logger) : BackgroundService
{
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(15);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(FollowChangesAsync(stoppingToken), RefreshWaitingAsync(stoppingToken));

    private async Task FollowChangesAsync(CancellationToken stoppingToken)
    {
        await foreach (var change in events.SubscribeAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await PushAsync(change.TeamId, change.ConversationId, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Could not push the chat of conversation {ConversationId}", change.ConversationId);
            }
        }
    }

    private async Task RefreshWaitingAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Refresh, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await PushAsync(null, null, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Could not refresh the waiting chats");
            }
        }
    }

    /// <summary>Pushes the changed conversation's visitor, and every visitor waiting in the same chat queue (all queues when null).</summary>
    private async Task PushAsync(Guid? teamId, Guid? conversationId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.KalmDbContext>();
        var chat = scope.ServiceProvider.GetRequiredService<ChatService>();
        var waiting = db.Conversations
            .Where(c => c.Channel == Channel.Chat && c.AssigneeId == null && (c.Status == ConversationStatus.New || c.Status == ConversationStatus.Open));
        if (conversationId is not null)
        {
            waiting = waiting.Where(c => c.TeamId == teamId);
        }

        var ids = await waiting.OrderBy(c => c.LastMessageAt).Select(c => c.Id).Take(500).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (conversationId is { } changed && !ids.Contains(changed))
        {
            ids.Add(changed);
        }

        foreach (var visitorId in (await chat.VisitorsOfAsync(ids, cancellationToken).ConfigureAwait(false)).Where(connections.IsConnected).Distinct())
        {
            var view = await chat.ViewAsync(new VisitorTicket(visitorId, null, null), cancellationToken).ConfigureAwait(false);
            await hub.Clients.Group(ChatHub.VisitorGroup(visitorId)).SendAsync(ChatHub.ChatChanged, view, cancellationToken).ConfigureAwait(false);
        }
    }
}

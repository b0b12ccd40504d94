using Kalm.Desk.Realtime;
using Microsoft.AspNetCore.SignalR;

namespace Kalm.Desk.Channels.Chat;

/// <summary>
/// Typing signals between a chat customer and the desk. They are not stored: a signal that gets
/// lost costs nothing, and the next keystroke sends another.
/// </summary>
public sealed class ChatTyping(IHubContext<ChatHub> chatHub, IHubContext<DeskHub> deskHub, IServiceScopeFactory scopes)
{
    /// <summary>Raised with the conversation id when its chat customer types; the workspace's conversation page listens.</summary>
    public event Action<Guid>? VisitorTyping;

    /// <summary>Tells the desk (hub clients and workspace pages) that the customer of <paramref name="chat"/> is typing.</summary>
    public async Task VisitorTypesAsync(OpenChat chat, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        VisitorTyping?.Invoke(chat.Id);
        // The same audience as the conversation's changes: supervisors, its queue, its agent.
        List<string> groups = [DeskHub.EverythingGroup, chat.TeamId is { } team ? DeskHub.TeamGroup(team) : DeskHub.UnqueuedGroup];
        if (chat.AssigneeId is { } assignee)
        {
            groups.Add(DeskHub.AgentGroup(assignee));
        }

        await deskHub.Clients.Groups(groups).SendAsync(ChatHub.VisitorTyping, chat.Id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Shows the chat customer of <paramref name="conversationId"/> that the agent with <paramref name="alias"/> is typing.</summary>
    public async Task AgentTypesAsync(Guid conversationId, string? alias, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var chat = scope.ServiceProvider.GetRequiredService<ChatService>();
        foreach (var visitorId in await chat.VisitorsOfAsync([conversationId], cancellationToken).ConfigureAwait(false))
        {
            await chatHub.Clients.Group(ChatHub.VisitorGroup(visitorId)).SendAsync(ChatHub.AgentTyping, alias, cancellationToken).ConfigureAwait(false);
        }
    }
}

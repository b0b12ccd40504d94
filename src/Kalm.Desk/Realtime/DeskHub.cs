using Kalm.Desk.Data;
using Kalm.Desk.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace Kalm.Desk.Realtime;

/// <summary>
/// The desk's live event stream for signed-in agents. Each connection joins the groups of what its
/// user may see; <see cref="DeskBroadcaster"/> sends every committed change to those groups.
/// </summary>
/// <remarks>
/// Events carry the conversation's state after the change, so a client that receives one twice
/// (an agent assigned a conversation in their own team's queue) can apply it twice safely.
/// </remarks>
[Authorize(Policy = Policies.Agent)]
public sealed class DeskHub(KalmDbContext db) : Hub
{
    /// <summary>The client method that receives a <see cref="ConversationChange"/>.</summary>
    public const string ConversationChanged = "conversationChanged";

    /// <summary>
    /// The client method called once the connection has joined its groups. SignalR completes a client's
    /// start before <see cref="OnConnectedAsync"/> has run, so changes committed in between are not
    /// delivered; a client that loads the queue should load it after this call, not after its start.
    /// </summary>
    public const string Subscribed = "subscribed";

    public const string Path = "/hubs/desk";

    internal const string EverythingGroup = "all";
    internal const string UnqueuedGroup = "unqueued";

    internal static string TeamGroup(Guid teamId) => "team:" + teamId.ToString("N");

    internal static string AgentGroup(string agentId) => "agent:" + agentId;

    public override async Task OnConnectedAsync()
    {
        var user = Context.User!;
        if (user.SeesAllQueues())
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, EverythingGroup).ConfigureAwait(false);
        }
        else
        {
            var agentId = user.AgentId();
            var teams = await db.Teams.Where(t => t.Members.Any(m => m.Id == agentId)).Select(t => t.Id).ToListAsync().ConfigureAwait(false);
            foreach (var group in teams.Select(TeamGroup).Append(UnqueuedGroup).Append(AgentGroup(agentId)))
            {
                await Groups.AddToGroupAsync(Context.ConnectionId, group).ConfigureAwait(false);
            }
        }

        await base.OnConnectedAsync().ConfigureAwait(false);
        await Clients.Caller.SendAsync(Subscribed).ConfigureAwait(false);
    }
}

/// <summary>Forwards every committed conversation change to the hub groups allowed to see it.</summary>
public sealed class DeskBroadcaster(IConversationEvents events, IHubContext<DeskHub> hub, ILogger<DeskBroadcaster> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var change in events.SubscribeAsync(stoppingToken).ConfigureAwait(false))
        {
            List<string> groups = [DeskHub.EverythingGroup, change.TeamId is { } team ? DeskHub.TeamGroup(team) : DeskHub.UnqueuedGroup];
            if (change.AssigneeId is { } assignee)
            {
                groups.Add(DeskHub.AgentGroup(assignee));
            }

            try
            {
                await hub.Clients.Groups(groups).SendAsync(DeskHub.ConversationChanged, change, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // One failed send must not end the stream for everyone else.
                logger.LogWarning(exception, "Could not push the change of conversation {ConversationId}", change.ConversationId);
            }
        }
    }
}

public static class RealtimeSetup
{
    public static IHostApplicationBuilder AddRealtime(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSignalR().AddJsonProtocol(options =>
            options.PayloadSerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.SnakeCaseLower)));
        builder.Services.AddHostedService<DeskBroadcaster>();
        return builder;
    }

    public static IEndpointRouteBuilder MapRealtime(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHub<DeskHub>(DeskHub.Path);
        return app;
    }
}

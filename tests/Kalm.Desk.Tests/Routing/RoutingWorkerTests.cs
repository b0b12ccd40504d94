using System.Net.Http.Json;
using System.Text.Json;
using Kalm.Desk.Domain;
using Kalm.Desk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kalm.Desk.Tests.Routing;

/// <summary>The desk with its background router on, as it runs in production.</summary>
public sealed class RoutedSqliteDesk : SqliteDesk
{
    /// <inheritdoc />
    protected override bool Routing => true;
}

/// <summary>The background router reacts to new conversations and to agents becoming available, without a sweep.</summary>
public sealed class RoutingWorkerTests(RoutedSqliteDesk desk) : IClassFixture<RoutedSqliteDesk>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_new_conversation_is_routed_at_once_and_a_waiting_one_when_an_agent_becomes_available()
    {
        var user = await desk.CreateUserAsync(Roles.Agent);
        await desk.WithDatabaseAsync(async db =>
        {
            var team = new Team { Name = "Worker", Channels = [Channel.Chat] };
            db.Teams.Add(team);
            var agent = await db.Users.Include(u => u.Teams).SingleAsync(u => u.Id == user.Id);
            agent.Teams.Add(team);
            agent.Capacity = [new ChannelCapacity(Channel.Chat, 1)];
            agent.SwitchPresence(Presence.Available, desk.Clock.GetUtcNow());
            return await db.SaveChangesAsync();
        });

        var first = await SendAsync();
        Assert.Equal(user.Id, await AssigneeEventuallyAsync(first));

        // At capacity now: the next one waits until the agent has room and says so.
        var second = await SendAsync();
        using var agentClient = await desk.CreateSignedInClientAsync(user.Email!);
        await agentClient.PostAsJsonAsync($"/api/v1/conversations/{first}/status", new { status = "resolved" });
        Assert.Equal(user.Id, await AssigneeEventuallyAsync(second));

        await agentClient.PutAsJsonAsync("/api/v1/agents/me/presence", new { presence = "away" });
        var third = await SendAsync();
        await agentClient.PostAsJsonAsync($"/api/v1/conversations/{second}/status", new { status = "resolved" });
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.Null(await desk.WithDatabaseAsync(db => db.Conversations.Where(c => c.Id == third).Select(c => c.AssigneeId).SingleAsync()));

        await agentClient.PutAsJsonAsync("/api/v1/agents/me/presence", new { presence = "available" });
        Assert.Equal(user.Id, await AssigneeEventuallyAsync(third));
    }

    private async Task<Guid> SendAsync() =>
        (await desk.DeliverAsync("chat", "Hallo, ik heb een vraag over mijn abonnement.")).ConversationId;

    /// <summary>The conversation's assignee once routing has run, or null after <see cref="Patience"/>.</summary>
    private async Task<string?> AssigneeEventuallyAsync(Guid conversation)
    {
        var until = DateTime.UtcNow + Patience;
        while (true)
        {
            var assignee = await desk.WithDatabaseAsync(db => db.Conversations.Where(c => c.Id == conversation).Select(c => c.AssigneeId).SingleAsync());
            if (assignee is not null || DateTime.UtcNow > until)
            {
                return assignee;
            }

            await Task.Delay(50);
        }
    }
}

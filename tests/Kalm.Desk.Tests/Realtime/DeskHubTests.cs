using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Kalm.Desk.Domain;
using Kalm.Desk.Realtime;
using Kalm.Desk.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using DeskChannel = Kalm.Desk.Domain.Channel;

namespace Kalm.Desk.Tests.Realtime;

public sealed class DeskHubTests_Sqlite(SqliteDesk desk) : DeskHubTests<SqliteDesk>(desk);

public sealed class DeskHubTests_Postgres(PostgresDesk desk) : DeskHubTests<PostgresDesk>(desk);

/// <summary>Signed-in agents receive committed conversation changes live, limited to what they may see.</summary>
public abstract class DeskHubTests<TDesk>(TDesk desk) : IClassFixture<TDesk>
    where TDesk : DeskFactory
{
    private async Task<(HubConnection Connection, ChannelReader<JsonElement> Changes)> ConnectAsync(string email)
    {
        var changes = System.Threading.Channels.Channel.CreateUnbounded<JsonElement>();
        var connection = await DeskHubClient.ConnectAsync(desk, await desk.SignInAsync(email),
            hub => hub.On<JsonElement>(DeskHub.ConversationChanged, change => changes.Writer.TryWrite(change)));
        return (connection, changes.Reader);
    }

    private async Task<Guid> IngestAsync()
    {
        using var client = desk.CreateIngestClient();
        var response = await client.PostAsJsonAsync("/api/v1/inbound", new
        {
            channel = "chat",
            externalId = Guid.NewGuid().ToString(),
            from = new { email = $"live-{Guid.NewGuid():N}@example.nl" },
            text = "Hallo, is er iemand?",
        });
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("conversationId").GetGuid();
    }

    private static async Task<JsonElement> NextForAsync(ChannelReader<JsonElement> changes, Guid conversationId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var change = await changes.ReadAsync(timeout.Token);
            if (change.GetProperty("conversationId").GetGuid() == conversationId)
            {
                return change;
            }
        }
    }

    private Task<Guid> CreateTeamAsync(int sortOrder, DeskChannel[] channels, AgentUser? member = null) =>
        desk.WithDatabaseAsync(async db =>
        {
            var team = new Team { Name = "Team " + Guid.NewGuid().ToString("N")[..8], SortOrder = sortOrder, Channels = [.. channels] };
            if (member is not null)
            {
                team.Members.Add(await db.Users.SingleAsync(u => u.Id == member.Id));
            }

            db.Teams.Add(team);
            await db.SaveChangesAsync();
            return team.Id;
        });

    [Fact]
    public async Task Supervisors_see_every_change_and_agents_the_conversations_assigned_to_them()
    {
        var agent = await desk.CreateUserAsync(Roles.Agent);
        var supervisor = await desk.CreateUserAsync(Roles.Supervisor);
        var (agentConnection, agentChanges) = await ConnectAsync(agent.Email!);
        var (supervisorConnection, supervisorChanges) = await ConnectAsync(supervisor.Email!);
        await using var _ = agentConnection;
        await using var __ = supervisorConnection;

        var id = await IngestAsync();
        Assert.Equal("created", (await NextForAsync(supervisorChanges, id)).GetProperty("kind").GetString());

        using var admin = await desk.CreateSignedInClientAsync();
        (await admin.PostAsJsonAsync($"/api/v1/conversations/{id}/assign", new { agentId = agent.Id })).EnsureSuccessStatusCode();
        // Whether the agent also saw the conversation arrive depends on the queue it landed in; the assignment always reaches them.
        JsonElement assigned;
        do
        {
            assigned = await NextForAsync(agentChanges, id);
        }
        while (assigned.GetProperty("kind").GetString() is "created" or "message_received");

        Assert.Equal("assigned", assigned.GetProperty("kind").GetString());
        Assert.Equal(agent.Id, assigned.GetProperty("assigneeId").GetString());

        (await admin.PostAsJsonAsync($"/api/v1/conversations/{id}/status", new { status = "pending" })).EnsureSuccessStatusCode();
        foreach (var changes in new[] { agentChanges, supervisorChanges })
        {
            JsonElement change;
            do
            {
                change = await NextForAsync(changes, id);
            }
            while (change.GetProperty("kind").GetString() != "status_changed");

            Assert.Equal("pending", change.GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task Agent_receives_their_teams_queue_and_not_another_teams()
    {
        var agent = await desk.CreateUserAsync(Roles.Agent);
        await CreateTeamAsync(-100, [DeskChannel.Chat], agent);
        var otherTeam = await CreateTeamAsync(100, [DeskChannel.Email]);
        var (connection, changes) = await ConnectAsync(agent.Email!);
        await using var _ = connection;

        var moved = await IngestAsync();
        Assert.Equal("created", (await NextForAsync(changes, moved)).GetProperty("kind").GetString());
        Assert.Equal("message_received", (await NextForAsync(changes, moved)).GetProperty("kind").GetString());

        using var admin = await desk.CreateSignedInClientAsync();
        (await admin.PostAsJsonAsync($"/api/v1/conversations/{moved}/transfer", new { teamId = otherTeam })).EnsureSuccessStatusCode();
        var stillMine = await IngestAsync();

        // Changes arrive in commit order: the next one this agent sees for either conversation is the new inbound one.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        JsonElement next;
        do
        {
            next = await changes.ReadAsync(timeout.Token);
        }
        while (next.GetProperty("conversationId").GetGuid() != moved && next.GetProperty("conversationId").GetGuid() != stillMine);

        Assert.Equal(stillMine, next.GetProperty("conversationId").GetGuid());
    }
}

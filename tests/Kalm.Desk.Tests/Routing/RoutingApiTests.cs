using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kalm.Desk.Domain;
using Kalm.Desk.Routing;
using Kalm.Desk.Tests.Infrastructure;
using Kalm.Desk.Wellbeing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kalm.Desk.Tests.Routing;

public sealed class RoutingApiTests_Sqlite(SqliteDesk desk) : RoutingApiTests<SqliteDesk>(desk);

public sealed class RoutingApiTests_Postgres(PostgresDesk desk) : RoutingApiTests<PostgresDesk>(desk);

/// <summary>
/// Routing passes, exposure and waiting times on a real database. The background router is off in
/// these classes, so each test runs a pass itself and sees exactly what it did.
/// </summary>
public abstract class RoutingApiTests<TDesk>(TDesk desk) : IClassFixture<TDesk>
    where TDesk : DeskFactory
{
    private const string Calm = "Mijn factuur klopt niet, kunt u even kijken?";
    private const string Abusive = "Kankerlijers, waar blijft mijn pakket 4821?";
    private const string Threat = "Ik weet waar je woont en ik wacht je op na je dienst.";

    [Fact]
    public async Task A_waiting_conversation_goes_to_the_member_idle_longest_and_the_timeline_says_why()
    {
        var team = await CreateTeamAsync();
        var longIdle = await CreateAgentAsync(team, idleMinutes: 30);
        var justBack = await CreateAgentAsync(team, idleMinutes: 2);
        var offline = await CreateAgentAsync(team, idleMinutes: 90, presence: Presence.Offline);
        var conversation = await SendAsync(team, Calm);

        var routed = await RouteAsync();

        Assert.Contains(routed, r => r.ConversationId == conversation && r.AgentId == longIdle);
        using var client = await desk.CreateSignedInClientAsync();
        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{conversation}");
        var assigned = detail.GetProperty("events").EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "assigned");
        Assert.Equal(QueueRouter.ActorName, assigned.GetProperty("actorName").GetString());
        Assert.Equal("routing", assigned.GetProperty("data").GetProperty("by").GetString());
        Assert.StartsWith("Longest idle (30 min)", assigned.GetProperty("data").GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(routed, r => r.AgentId == justBack || r.AgentId == offline);
    }

    [Fact]
    public async Task A_hostile_conversation_skips_the_agent_who_just_had_one_and_weighs_on_the_one_who_takes_it()
    {
        var team = await CreateTeamAsync();
        var shaken = await CreateAgentAsync(team, idleMinutes: 40);
        var other = await CreateAgentAsync(team, idleMinutes: 5);
        var earlier = await SendAsync(team, Abusive);
        await AssignAsync(earlier, shaken);
        desk.Clock.Advance(TimeSpan.FromMinutes(5));
        var conversation = await SendAsync(team, Abusive);

        var routed = await RouteAsync();

        var decision = Assert.Single(routed, r => r.ConversationId == conversation);
        Assert.Equal(other, decision.AgentId);
        Assert.StartsWith("Hostile contact (abusive message)", decision.Reason, StringComparison.Ordinal);
        var hits = await desk.WithDatabaseAsync(db => db.ExposureHits.Where(h => h.ConversationId == conversation).ToListAsync());
        var hit = Assert.Single(hits);
        Assert.Equal(other, hit.AgentId);
        Assert.Equal(3, hit.Weight);
    }

    [Fact]
    public async Task A_hostile_chat_that_queued_while_everyone_was_busy_still_waits_its_hold_for_a_rested_agent()
    {
        var team = await CreateTeamAsync();
        var shaken = await CreateAgentAsync(team, idleMinutes: 30);
        await AssignAsync(await SendAsync(team, Abusive), shaken);
        var conversation = await SendAsync(team, Abusive);

        // Two minutes in the queue already: the hold counts from the first pass that could have handed it over.
        desk.Clock.Advance(TimeSpan.FromMinutes(2));
        var first = await RouteAsync();
        desk.Clock.Advance(TimeSpan.FromSeconds(10));
        var during = await RouteAsync();
        desk.Clock.Advance(TimeSpan.FromSeconds(6));
        var after = await RouteAsync();

        Assert.DoesNotContain(first, r => r.ConversationId == conversation);
        Assert.DoesNotContain(during, r => r.ConversationId == conversation);
        var decision = Assert.Single(after, r => r.ConversationId == conversation);
        Assert.Equal(shaken, decision.AgentId);
        Assert.Contains("(nobody else was free)", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_two_hours_in_a_hostile_heavy_queue_an_agent_is_rotated_to_other_work()
    {
        var team = await CreateTeamAsync();
        var veteran = await CreateAgentAsync(team, idleMinutes: 30, chatCapacity: 3);
        var colleague = await CreateAgentAsync(team, idleMinutes: 1, chatCapacity: 3);

        // One of the queue's three conversations this week was abusive, and the veteran has had it open for 2 h 5 min.
        // Both are rested and the veteran has been idle longer: only the rotation rule sends the next one elsewhere.
        var longRunning = await SendAsync(team, Abusive);
        await AssignAsync(longRunning, veteran);
        desk.Clock.Advance(TimeSpan.FromMinutes(125));
        await AssignAsync(await SendAsync(team, Calm), colleague);
        var calm = await SendAsync(team, Calm);

        var routed = await RouteAsync();

        var decision = Assert.Single(routed, r => r.ConversationId == calm);
        Assert.Equal(colleague, decision.AgentId);
    }

    [Fact]
    public async Task Capacity_is_respected_and_the_rest_waits_with_its_position_and_a_range()
    {
        var team = await CreateTeamAsync();
        var agent = await CreateAgentAsync(team, idleMinutes: 10, chatCapacity: 1);
        var first = await SendAsync(team, Calm);
        desk.Clock.Advance(TimeSpan.FromSeconds(30));
        var second = await SendAsync(team, Calm);
        desk.Clock.Advance(TimeSpan.FromSeconds(30));
        var third = await SendAsync(team, Calm);

        var routed = await RouteAsync();

        Assert.Equal([first], routed.Where(r => r.AgentId == agent).Select(r => r.ConversationId));
        using var integration = desk.CreateIngestClient();
        var position = await integration.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{third}/queue-position");
        Assert.Equal(2, position.GetProperty("position").GetInt32());
        Assert.Equal(1, position.GetProperty("waitingAhead").GetInt32());
        var estimate = position.GetProperty("estimate");
        Assert.Equal("capacity", estimate.GetProperty("basis").GetString());
        Assert.True(estimate.GetProperty("highSeconds").GetInt32() > estimate.GetProperty("lowSeconds").GetInt32());
        Assert.StartsWith("ongeveer", estimate.GetProperty("text").GetString(), StringComparison.Ordinal);
        var assigned = await integration.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{first}/queue-position");
        Assert.Equal(0, assigned.GetProperty("position").GetInt32());
        Assert.NotEqual(second, third);
    }

    [Fact]
    public async Task The_queue_estimate_counts_waiting_customers_and_refuses_bad_input()
    {
        var team = await CreateTeamAsync();
        await CreateAgentAsync(team, idleMinutes: 10, chatCapacity: 1, presence: Presence.Busy);
        await SendAsync(team, Calm);
        await SendAsync(team, Calm);
        using var integration = desk.CreateIngestClient();

        var wait = await integration.GetFromJsonAsync<JsonElement>($"/api/v1/queues/{team}/wait?channel=chat");

        Assert.Equal(2, wait.GetProperty("waiting").GetInt32());
        Assert.Equal(1, wait.GetProperty("agentsServing").GetInt32());
        Assert.Equal(0, wait.GetProperty("freeSlots").GetInt32());
        // Third in line behind one busy agent at the 450-second guideline: about 7.5 minutes a departure.
        var next = wait.GetProperty("nextCustomer");
        Assert.InRange(next.GetProperty("highSeconds").GetInt32(), 900, 2400);
        await ProblemAssert.IsProblemAsync(await integration.GetAsync($"/api/v1/queues/{team}/wait?channel=fax"), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await integration.GetAsync($"/api/v1/queues/{Guid.NewGuid()}/wait"), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Unauthorized, (await desk.CreateClient().GetAsync($"/api/v1/queues/{team}/wait")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await desk.CreateIngestClient("wrong-key-0123456789").GetAsync($"/api/v1/queues/{team}/wait")).StatusCode);
    }

    [Fact]
    public async Task Hostile_messages_to_an_assigned_agent_add_up_fade_and_suggest_a_break()
    {
        var team = await CreateTeamAsync();
        var agentId = await CreateAgentAsync(team, idleMinutes: 10);
        var conversation = await SendAsync(team, Calm);
        await AssignAsync(conversation, agentId);
        var email = await desk.WithDatabaseAsync(db => db.Users.Where(u => u.Id == agentId).Select(u => u.Email!).SingleAsync());

        // Signed in afresh each time: an hour on the test clock outlives a bearer token.
        async Task<JsonElement> MineAsync()
        {
            using var agent = await desk.CreateSignedInClientAsync(email);
            return await agent.GetFromJsonAsync<JsonElement>("/api/v1/wellbeing/me");
        }

        await SendAsync(team, Abusive, conversationOf: conversation);
        var afterAbuse = await MineAsync();
        desk.Clock.Advance(TimeSpan.FromMinutes(60));
        var anHourLater = await MineAsync();
        await SendAsync(team, Threat, conversationOf: conversation);
        var afterThreat = await MineAsync();

        Assert.Equal(3, afterAbuse.GetProperty("exposure").GetProperty("level").GetDouble(), 2);
        Assert.False(afterAbuse.GetProperty("exposure").GetProperty("suggestBreak").GetBoolean());
        Assert.Equal(1.5, anHourLater.GetProperty("exposure").GetProperty("level").GetDouble(), 2);
        // The same conversation at its worst: a threat counts 8 in all, so 5 more.
        Assert.Equal(6.5, afterThreat.GetProperty("exposure").GetProperty("level").GetDouble(), 2);
        Assert.Equal(1, afterThreat.GetProperty("exposure").GetProperty("hostileContactsToday").GetInt32());
        Assert.Contains("never used to judge your performance", afterThreat.GetProperty("purpose").GetString(), StringComparison.Ordinal);

        var second = await SendAsync(team, Threat);
        await AssignAsync(second, agentId);
        var overThreshold = await MineAsync();
        Assert.True(overThreshold.GetProperty("exposure").GetProperty("suggestBreak").GetBoolean());
        Assert.Equal(2, overThreshold.GetProperty("exposure").GetProperty("hostileContactsToday").GetInt32());
    }

    [Fact]
    public async Task A_time_out_is_a_break_that_fades_faster_and_tells_the_supervisors_when_suggested()
    {
        var team = await CreateTeamAsync();
        var agentId = await CreateAgentAsync(team, idleMinutes: 10);
        await AssignAsync(await SendAsync(team, Threat), agentId);
        var email = await desk.WithDatabaseAsync(db => db.Users.Where(u => u.Id == agentId).Select(u => u.Email!).SingleAsync());
        using var agent = await desk.CreateSignedInClientAsync(email);
        var notices = new List<WellbeingNotice>();
        var board = desk.Services.GetRequiredService<WellbeingNotices>();
        void Collect(WellbeingNotice notice) => notices.Add(notice);
        board.Raised += Collect;
        try
        {
            var response = await agent.PostAsJsonAsync("/api/v1/wellbeing/me/time-out", new { suggested = true });

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(body.GetProperty("supervisorsTold").GetBoolean());
            Assert.Equal(desk.Clock.GetUtcNow().AddMinutes(10), body.GetProperty("until").GetDateTimeOffset());
        }
        finally
        {
            board.Raised -= Collect;
        }

        var notice = Assert.Single(notices, n => n.AgentId == agentId);
        Assert.True(notice.AcceptedSuggestion);
        Assert.Equal(Presence.Break, await desk.WithDatabaseAsync(db => db.Users.Where(u => u.Id == agentId).Select(u => u.Presence).SingleAsync()));
        desk.Clock.Advance(TimeSpan.FromMinutes(20));
        var rested = await agent.GetFromJsonAsync<JsonElement>("/api/v1/wellbeing/me");
        Assert.Equal(4, rested.GetProperty("exposure").GetProperty("level").GetDouble(), 2);
    }

    [Fact]
    public async Task Supervisors_see_the_team_and_agents_do_not()
    {
        var team = await CreateTeamAsync();
        var agentId = await CreateAgentAsync(team, idleMinutes: 10);
        await AssignAsync(await SendAsync(team, Abusive), agentId);
        var email = await desk.WithDatabaseAsync(db => db.Users.Where(u => u.Id == agentId).Select(u => u.Email!).SingleAsync());
        using var supervisor = await desk.CreateSignedInClientAsync();
        using var agent = await desk.CreateSignedInClientAsync(email);

        var levels = await supervisor.GetFromJsonAsync<JsonElement>("/api/v1/wellbeing/team");

        Assert.Equal(3, levels.EnumerateArray().Single(a => a.GetProperty("agentId").GetString() == agentId).GetProperty("level").GetDouble(), 2);
        await ProblemAssert.IsProblemAsync(await agent.GetAsync("/api/v1/wellbeing/team"), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await desk.CreateClient().GetAsync("/api/v1/wellbeing/me"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_time_out_needs_no_body_and_a_malformed_one_is_a_problem()
    {
        var agent = await desk.CreateUserAsync(Roles.Agent);
        using var client = await desk.CreateSignedInClientAsync(agent.Email!);

        var plain = await client.PostAsync("/api/v1/wellbeing/me/time-out", null);
        var malformed = await client.PostAsync("/api/v1/wellbeing/me/time-out", new StringContent("{\"suggested\": tru", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.False((await plain.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("supervisorsTold").GetBoolean());
        await ProblemAssert.IsProblemAsync(malformed, HttpStatusCode.BadRequest);
    }

    private async Task<IReadOnlyList<RoutedConversation>> RouteAsync()
    {
        await using var scope = desk.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<QueueRouter>().RouteWaitingAsync(CancellationToken.None);
    }

    private Task<Guid> CreateTeamAsync() => desk.WithDatabaseAsync(async db =>
    {
        var team = new Team { Name = "Routing " + Guid.NewGuid().ToString("N")[..8], Channels = [Channel.Chat, Channel.Email], SortOrder = 100 };
        db.Teams.Add(team);
        await db.SaveChangesAsync();
        return team.Id;
    });

    private async Task<string> CreateAgentAsync(Guid teamId, int idleMinutes, int chatCapacity = 2, Presence presence = Presence.Available)
    {
        var user = await desk.CreateUserAsync(Roles.Agent);
        return await desk.WithDatabaseAsync(async db =>
        {
            var agent = await db.Users.Include(u => u.Teams).SingleAsync(u => u.Id == user.Id);
            agent.Teams.Add(await db.Teams.SingleAsync(t => t.Id == teamId));
            agent.Capacity = [new ChannelCapacity(Channel.Chat, chatCapacity), new ChannelCapacity(Channel.Email, 5)];
            agent.SwitchPresence(presence, desk.Clock.GetUtcNow().AddMinutes(-idleMinutes));
            await db.SaveChangesAsync();
            return agent.Id;
        });
    }

    /// <summary>Delivers a chat message and puts its conversation in <paramref name="teamId"/>'s queue.</summary>
    private async Task<Guid> SendAsync(Guid teamId, string text, Guid? conversationOf = null)
    {
        var visitor = conversationOf is { } existing
            ? await desk.WithDatabaseAsync(db => db.Conversations.Where(c => c.Id == existing).SelectMany(c => c.Customer!.Identities).Select(i => i.Value).FirstAsync())
            : null;
        var id = (await desk.DeliverAsync("chat", text, visitor)).ConversationId;
        if (conversationOf is null)
        {
            await desk.WithDatabaseAsync(db => db.Conversations.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.TeamId, teamId)));
        }

        return id;
    }

    private async Task AssignAsync(Guid conversation, string agentId)
    {
        using var client = await desk.CreateSignedInClientAsync();
        var response = await client.PostAsJsonAsync($"/api/v1/conversations/{conversation}/assign", new { agentId });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

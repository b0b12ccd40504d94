using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Kalm.Desk.Channels.Chat;
using Kalm.Desk.Domain;
using Kalm.Desk.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using DeskChannel = Kalm.Desk.Domain.Channel;

namespace Kalm.Desk.Tests.Channels;

public sealed class ChatApiTests_Sqlite(SqliteDesk desk) : ChatApiTests<SqliteDesk>(desk);

public sealed class ChatApiTests_Postgres(PostgresDesk desk) : ChatApiTests<PostgresDesk>(desk);

/// <summary>The visitor's side of the web chat: tokens, messages through ingest, isolation, abuse, blocks and the survey.</summary>
public abstract class ChatApiTests<TDesk>(TDesk desk) : IClassFixture<TDesk>, IAsyncLifetime
    where TDesk : DeskFactory
{
    public async Task InitializeAsync() =>
        await desk.WithDatabaseAsync(async db =>
        {
            if (!await db.Teams.AnyAsync(t => t.Name == "Chat"))
            {
                db.Teams.Add(new Team { Name = "Chat", Channels = [DeskChannel.Chat] });
                await db.SaveChangesAsync();
            }

            return 0;
        });

    public Task DisposeAsync() => Task.CompletedTask;

    private HttpClient Visitor(string? token = null)
    {
        var client = desk.CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Add("X-Chat-Token", token);
        }

        return client;
    }

    private async Task<string> StartAsync(string? name = "Sanne", string? email = null)
    {
        using var client = Visitor();
        var response = await client.PostAsJsonAsync("/api/v1/chat/start", new { name, email });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("none", body.GetProperty("chat").GetProperty("state").GetString());
        return body.GetProperty("token").GetString()!;
    }

    private async Task<JsonElement> SendAsync(string token, string text)
    {
        using var client = Visitor(token);
        var response = await client.PostAsJsonAsync("/api/v1/chat/messages", new { text });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<JsonElement> ViewAsync(string token)
    {
        using var client = Visitor(token);
        return await client.GetFromJsonAsync<JsonElement>("/api/v1/chat");
    }

    [Fact]
    public async Task A_visitor_waits_in_the_queue_then_chats_with_the_agent_by_alias()
    {
        var token = await StartAsync();
        var sent = await SendAsync(token, "Hallo, mijn bestelling is niet aangekomen.");
        var conversationId = sent.GetProperty("conversationId").GetGuid();
        Assert.Equal(JsonValueKind.Null, sent.GetProperty("notice").ValueKind);
        var waiting = sent.GetProperty("chat");
        Assert.Equal("waiting", waiting.GetProperty("state").GetString());
        Assert.True(waiting.GetProperty("queue").GetProperty("position").GetInt32() >= 1);

        var stored = await desk.WithDatabaseAsync(db => db.Conversations.Include(c => c.Customer!).ThenInclude(c => c.Identities).SingleAsync(c => c.Id == conversationId));
        Assert.Equal(DeskChannel.Chat, stored.Channel);
        Assert.Equal("Sanne", stored.Customer!.Name);
        Assert.Contains(stored.Customer.Identities, i => i.Kind == IdentityKind.ChatVisitor);

        var agent = await desk.CreateUserAsync(Roles.Agent);
        using var admin = await desk.CreateSignedInClientAsync();
        (await admin.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/assign", new { agentId = agent.Id })).EnsureSuccessStatusCode();
        using var agentClient = await desk.CreateSignedInClientAsync(agent.Email!);
        (await agentClient.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/reply", new { text = "Ik zoek het voor u uit." })).EnsureSuccessStatusCode();

        var view = await ViewAsync(token);
        Assert.Equal("with_agent", view.GetProperty("state").GetString());
        Assert.Equal("Alias Agent", view.GetProperty("agentAlias").GetString());
        var lines = view.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(["visitor", "agent"], lines.Select(l => l.GetProperty("from").GetString()));
        Assert.Equal("Ik zoek het voor u uit.", lines[1].GetProperty("text").GetString());
        Assert.Equal("Alias Agent", lines[1].GetProperty("author").GetString());
        Assert.True(lines[0].GetProperty("read").GetBoolean());
        Assert.DoesNotContain(agent.Email!, view.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_visitor_sees_only_their_own_chat_and_a_forged_token_sees_nothing()
    {
        var alice = await StartAsync("Alice");
        var bob = await StartAsync("Bob");
        await SendAsync(alice, "Vraag van Alice over factuur 1.");
        await SendAsync(bob, "Vraag van Bob over factuur 2.");

        var aliceView = await ViewAsync(alice);
        Assert.Equal(["Vraag van Alice over factuur 1."], aliceView.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("text").GetString()));
        Assert.NotEqual(aliceView.GetProperty("conversationId").GetGuid(), (await ViewAsync(bob)).GetProperty("conversationId").GetGuid());

        using var forged = Visitor(alice[..^4] + "AAAA");
        await ProblemAssert.IsProblemAsync(await forged.GetAsync("/api/v1/chat"), HttpStatusCode.Unauthorized);
        using var none = Visitor();
        await ProblemAssert.IsProblemAsync(await none.PostAsJsonAsync("/api/v1/chat/messages", new { text = "hoi" }), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Agent_replies_reach_only_the_visitor_of_that_chat_live()
    {
        var alice = await StartAsync("Alice");
        var bob = await StartAsync("Bob");
        var (aliceHub, aliceChanges) = await ConnectAsync(alice);
        var (bobHub, bobChanges) = await ConnectAsync(bob);
        await using var _ = aliceHub;
        await using var __ = bobHub;

        var aliceSent = await aliceHub.InvokeAsync<JsonElement>("Send", "Is er iemand?");
        var conversationId = aliceSent.GetProperty("conversationId").GetGuid();
        await SendAsync(bob, "Ik wacht ook.");

        using var admin = await desk.CreateSignedInClientAsync();
        (await admin.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/assign", new { agentId = (await desk.CreateUserAsync(Roles.Agent)).Id })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/reply", new { text = "Ja, ik help u." })).EnsureSuccessStatusCode();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        JsonElement pushed;
        do
        {
            pushed = await aliceChanges.ReadAsync(timeout.Token);
        }
        while (!pushed.GetProperty("messages").EnumerateArray().Any(m => m.GetProperty("from").GetString() == "agent"));

        Assert.Equal("with_agent", pushed.GetProperty("state").GetString());
        var typing = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        aliceHub.On<string?>("agentTyping", alias => typing.TrySetResult(alias));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/conversations/{conversationId}/typing", null)).StatusCode);
        Assert.Equal("Alias Agent", await typing.Task.WaitAsync(TimeSpan.FromSeconds(20)));
        while (bobChanges.TryRead(out var bobView))
        {
            Assert.DoesNotContain("Ja, ik help u.", bobView.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("Is er iemand?", bobView.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_visitors_typing_reaches_the_desk_and_a_connection_without_a_token_can_do_nothing()
    {
        var token = await StartAsync();
        var (visitorHub, _) = await ConnectAsync(token);
        await using var _ = visitorHub;
        var conversationId = (await visitorHub.InvokeAsync<JsonElement>("Send", "Ik typ nog even verder...")).GetProperty("conversationId").GetGuid();

        var typing = new TaskCompletionSource<Guid>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var deskHub = await DeskHubClient.ConnectAsync(desk, await desk.SignInAsync(),
            hub => hub.On<Guid>(ChatHub.VisitorTyping, id => typing.TrySetResult(id)));
        await visitorHub.InvokeAsync("Typing");
        Assert.Equal(conversationId, await typing.Task.WaitAsync(TimeSpan.FromSeconds(20)));

        await using var anonymous = new HubConnectionBuilder()
            .WithUrl(new Uri(desk.Server.BaseAddress, "/hubs/chat"), options =>
            {
                options.HttpMessageHandlerFactory = _ => desk.Server.CreateHandler();
                options.Transports = HttpTransportType.LongPolling;
            })
            .Build();
        await anonymous.StartAsync();
        var refused = await Assert.ThrowsAsync<HubException>(() => anonymous.InvokeAsync<JsonElement>("State"));
        Assert.Contains("Start", refused.Message, StringComparison.Ordinal);
        // A token that does not verify starts a chat of its own: it never resumes the one it imitates.
        var fresh = await anonymous.InvokeAsync<JsonElement>("Start", new { token = token[..^4] + "AAAA" });
        Assert.NotEqual(token, fresh.GetProperty("token").GetString());
        Assert.Equal("none", fresh.GetProperty("chat").GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_first_abusive_message_gets_the_notice_and_is_masked_for_the_agent()
    {
        var token = await StartAsync();
        var sent = await SendAsync(token, "Kankerlijers, waar blijft mijn pakket?");
        Assert.StartsWith("Wij willen u graag helpen", sent.GetProperty("notice").GetString(), StringComparison.Ordinal);
        var again = await SendAsync(token, "Nou?");
        Assert.Equal(JsonValueKind.Null, again.GetProperty("notice").ValueKind);
        Assert.StartsWith("Wij willen u graag helpen", again.GetProperty("chat").GetProperty("notice").GetString(), StringComparison.Ordinal);

        var message = await desk.WithDatabaseAsync(db => db.Messages.SingleAsync(m => m.Id == sent.GetProperty("messageId").GetGuid()));
        Assert.Equal(Kalm.Shield.Severity.Abusive, message.Severity);
        Assert.NotNull(message.MaskedText);
        Assert.DoesNotContain("Kankerlijers", message.MaskedText, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_blocked_visitor_cannot_start_a_chat_again()
    {
        var token = await StartAsync();
        var sent = await SendAsync(token, "Vuile kankerlijer.");
        var customerId = await desk.WithDatabaseAsync(db => db.Conversations.Where(c => c.Id == sent.GetProperty("conversationId").GetGuid()).Select(c => c.CustomerId).SingleAsync());
        using var supervisor = await desk.CreateSignedInClientAsync();
        (await supervisor.PostAsJsonAsync($"/api/v1/customers/{customerId}/conduct/changes", new { kind = "blocked", reason = "Schelden in de chat.", days = 7 })).EnsureSuccessStatusCode();

        using var client = Visitor();
        var refused = await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/v1/chat/start", new { token }), HttpStatusCode.Forbidden);
        Assert.Contains("not available", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var held = await SendAsync(token, "Hallo?");
        Assert.False(string.IsNullOrEmpty(held.GetProperty("notice").GetString()));
        Assert.Equal("blocked", held.GetProperty("chat").GetProperty("state").GetString());
    }

    [Fact]
    public async Task Outside_business_hours_the_chat_says_it_is_closed_and_still_takes_the_message()
    {
        // The desk's clock stands on a Tuesday morning; this queue only opens on Sundays.
        var teamId = await desk.WithDatabaseAsync(async db =>
        {
            var team = await db.Teams.SingleAsync(t => t.Name == "Chat");
            team.BusinessHours = [new BusinessHours(DayOfWeek.Sunday, new TimeOnly(10, 0), new TimeOnly(12, 0))];
            await db.SaveChangesAsync();
            return team.Id;
        });
        try
        {
            var token = await StartAsync();
            Assert.False((await ViewAsync(token)).GetProperty("open").GetBoolean());
            var sent = await SendAsync(token, "Wilt u mij morgen terugbellen?");
            Assert.False(sent.GetProperty("chat").GetProperty("open").GetBoolean());
            Assert.Equal("waiting", sent.GetProperty("chat").GetProperty("state").GetString());
        }
        finally
        {
            await desk.WithDatabaseAsync(async db =>
            {
                var team = await db.Teams.SingleAsync(t => t.Id == teamId);
                team.BusinessHours = [];
                return await db.SaveChangesAsync();
            });
        }

        Assert.True((await ViewAsync(await StartAsync())).GetProperty("open").GetBoolean());
    }

    [Fact]
    public async Task Messages_over_the_size_limit_and_empty_ones_are_refused()
    {
        var token = await StartAsync();
        using var client = Visitor(token);
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/v1/chat/messages", new { text = new string('a', 2001) }), HttpStatusCode.RequestEntityTooLarge);
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/v1/chat/messages", new { text = "  " }), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/v1/chat/start", new { email = "geen-adres" }), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task After_resolving_the_customer_answers_the_survey_and_supervisors_see_it_per_agent()
    {
        var agent = await desk.CreateUserAsync(Roles.Agent);
        var (token, conversationId) = await ResolvedChatAsync(agent);
        var view = await ViewAsync(token);
        Assert.Equal("ended", view.GetProperty("state").GetString());
        Assert.Equal(["solved", "friendliness", "knowledge", "waiting", "overall"], view.GetProperty("survey").EnumerateArray().Select(q => q.GetProperty("key").GetString()));

        using var client = Visitor(token);
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/v1/chat/survey", new { answers = new { solved = 5 } }), HttpStatusCode.BadRequest);
        var answered = await client.PostAsJsonAsync("/api/v1/chat/survey", new { answers = new { solved = 5, friendliness = 5, knowledge = 4, waiting = 3, overall = 5 }, comment = "Top geholpen!" });
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await answered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("survey").ValueKind);
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/v1/chat/survey", new { answers = new { solved = 1, friendliness = 1, knowledge = 1, waiting = 1, overall = 1 } }), HttpStatusCode.Conflict);

        using var supervisor = await desk.CreateSignedInClientAsync();
        var byAgent = await supervisor.GetFromJsonAsync<JsonElement>("/api/v1/surveys/results?by=agent");
        var mine = byAgent.EnumerateArray().Single(g => g.GetProperty("key").GetString() == agent.Id);
        Assert.Equal(1, mine.GetProperty("responses").GetInt32());
        Assert.Equal(4.0, mine.GetProperty("averages").GetProperty("knowledge").GetDouble());
        Assert.Equal(4.4, mine.GetProperty("average").GetDouble());
        Assert.Contains(conversationId, (await supervisor.GetFromJsonAsync<JsonElement>("/api/v1/surveys/responses")).EnumerateArray().Select(r => r.GetProperty("conversationId").GetGuid()));
        using var agentClient = await desk.CreateSignedInClientAsync(agent.Email!);
        await ProblemAssert.IsProblemAsync(await agentClient.GetAsync("/api/v1/surveys/results"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_compliment_in_the_survey_comment_lands_in_the_agents_kudos()
    {
        var agent = await desk.CreateUserAsync(Roles.Agent);
        var (token, conversationId) = await ResolvedChatAsync(agent);
        using var client = Visitor(token);
        (await client.PostAsJsonAsync("/api/v1/chat/survey", new { answers = new { solved = 5, friendliness = 5, knowledge = 5, waiting = 5, overall = 5 }, comment = "Heel erg bedankt, wat een fijne hulp!" })).EnsureSuccessStatusCode();

        using var agentClient = await desk.CreateSignedInClientAsync(agent.Email!);
        var kudos = await agentClient.GetFromJsonAsync<JsonElement>("/api/v1/kudos/me");
        var kudo = Assert.Single(kudos.EnumerateArray());
        Assert.Equal(conversationId, kudo.GetProperty("conversationId").GetGuid());
        Assert.Equal("Heel erg bedankt, wat een fijne hulp!", kudo.GetProperty("text").GetString());
    }

    [Fact]
    public async Task An_abusive_survey_comment_is_masked_and_held_until_a_supervisor_counts_it()
    {
        var agent = await desk.CreateUserAsync(Roles.Agent);
        var (token, _) = await ResolvedChatAsync(agent);
        using var client = Visitor(token);
        (await client.PostAsJsonAsync("/api/v1/chat/survey", new { answers = new { solved = 1, friendliness = 1, knowledge = 1, waiting = 1, overall = 1 }, comment = "Kankerlijers allemaal." })).EnsureSuccessStatusCode();

        using var supervisor = await desk.CreateSignedInClientAsync();
        var held = (await supervisor.GetFromJsonAsync<JsonElement>("/api/v1/surveys/responses")).EnumerateArray().Single(r => r.GetProperty("agent").GetString() == agent.DisplayName);
        Assert.True(held.GetProperty("needsReview").GetBoolean());
        Assert.DoesNotContain("Kankerlijers", held.GetProperty("comment").GetString(), StringComparison.OrdinalIgnoreCase);
        var group = (await supervisor.GetFromJsonAsync<JsonElement>("/api/v1/surveys/results?by=agent")).EnumerateArray().Single(g => g.GetProperty("key").GetString() == agent.Id);
        Assert.Equal(0, group.GetProperty("responses").GetInt32());
        Assert.Equal(1, group.GetProperty("heldForReview").GetInt32());

        (await supervisor.PostAsJsonAsync($"/api/v1/surveys/responses/{held.GetProperty("id").GetGuid()}/review", new { count = true })).EnsureSuccessStatusCode();
        group = (await supervisor.GetFromJsonAsync<JsonElement>("/api/v1/surveys/results?by=agent")).EnumerateArray().Single(g => g.GetProperty("key").GetString() == agent.Id);
        Assert.Equal(1, group.GetProperty("responses").GetInt32());
        Assert.Equal(1.0, group.GetProperty("average").GetDouble());
    }

    [Fact]
    public async Task Customers_who_were_abusive_are_not_surveyed()
    {
        var token = await StartAsync();
        var id = (await SendAsync(token, "Kankerlijers, waar blijft mijn pakket?")).GetProperty("conversationId").GetGuid();
        using var admin = await desk.CreateSignedInClientAsync();
        (await admin.PostAsJsonAsync($"/api/v1/conversations/{id}/status", new { status = "resolved" })).EnsureSuccessStatusCode();
        var view = await ViewAsync(token);
        Assert.Equal("ended", view.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, view.GetProperty("survey").ValueKind);
    }

    private async Task<(string Token, Guid ConversationId)> ResolvedChatAsync(AgentUser agent)
    {
        var token = await StartAsync();
        var id = (await SendAsync(token, "Mijn wachtwoord werkt niet.")).GetProperty("conversationId").GetGuid();
        using var admin = await desk.CreateSignedInClientAsync();
        (await admin.PostAsJsonAsync($"/api/v1/conversations/{id}/assign", new { agentId = agent.Id })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"/api/v1/conversations/{id}/status", new { status = "resolved" })).EnsureSuccessStatusCode();
        return (token, id);
    }

    private async Task<(HubConnection Connection, ChannelReader<JsonElement> Changes)> ConnectAsync(string token)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(desk.Server.BaseAddress, "/hubs/chat"), options =>
            {
                options.HttpMessageHandlerFactory = _ => desk.Server.CreateHandler();
                options.Transports = HttpTransportType.LongPolling;
            })
            .Build();
        var changes = System.Threading.Channels.Channel.CreateUnbounded<JsonElement>();
        connection.On<JsonElement>("chat", view => changes.Writer.TryWrite(view));
        await connection.StartAsync();
        var started = await connection.InvokeAsync<JsonElement>("Start", new { token });
        Assert.Equal(token, started.GetProperty("token").GetString());
        return (connection, changes.Reader);
    }
}

/// <summary>The desk with a low chat rate limit, so the limit is reached in a test.</summary>
public sealed class LimitedChatDesk : SqliteDesk
{
    /// <inheritdoc />
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Kalm:Chat:RequestsPerMinutePerIp", "4");
    }
}

public sealed class ChatRateLimitTests(LimitedChatDesk desk) : IClassFixture<LimitedChatDesk>
{
    [Fact]
    public async Task The_public_chat_answers_429_with_a_problem_once_an_address_used_its_minute()
    {
        using var client = desk.CreateClient();
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/chat/start", new { name = "Flood" })).StatusCode);
        }

        var refused = await client.PostAsJsonAsync("/api/v1/chat/start", new { name = "Flood" });
        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.Equal("60", refused.Headers.RetryAfter?.ToString());

        using var signedIn = await desk.CreateSignedInClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/api/v1/conversations")).StatusCode);
    }
}

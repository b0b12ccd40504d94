using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kalm.Desk.Domain;
using Kalm.Desk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kalm.Desk.Tests.Conversations;

public sealed class ConversationApiTests_Sqlite(SqliteDesk desk) : ConversationApiTests<SqliteDesk>(desk);

public sealed class ConversationApiTests_Postgres(PostgresDesk desk) : ConversationApiTests<PostgresDesk>(desk);

/// <summary>The agent API on conversations: reading, replying, assigning, transferring and resolving.</summary>
public abstract class ConversationApiTests<TDesk>(TDesk desk) : IClassFixture<TDesk>
    where TDesk : DeskFactory
{
    private async Task<Guid> IngestAsync(string text, string? subject = null)
    {
        using var client = desk.CreateIngestClient();
        var response = await client.PostAsJsonAsync("/api/v1/inbound", new
        {
            channel = "email",
            externalId = Guid.NewGuid().ToString(),
            from = new { name = "Piet Jansen", email = $"piet-{Guid.NewGuid():N}@example.nl" },
            subject = subject ?? "Vraag",
            text,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("conversationId").GetGuid();
    }

    private Task<Guid> CreateTeamAsync(string name) => desk.WithDatabaseAsync(async db =>
    {
        var team = new Team { Name = name, Channels = [Channel.Email] };
        db.Teams.Add(team);
        await db.SaveChangesAsync();
        return team.Id;
    });

    [Fact]
    public async Task Anonymous_callers_get_401_not_a_login_redirect()
    {
        using var client = desk.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync("/api/v1/conversations");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Reply_assign_transfer_twice_and_resolve_are_recorded_in_order()
    {
        var id = await IngestAsync("Mijn internet doet het al een week niet.");
        var teamA = await CreateTeamAsync("Techniek " + Guid.NewGuid().ToString("N")[..6]);
        var teamB = await CreateTeamAsync("Facturatie " + Guid.NewGuid().ToString("N")[..6]);
        var agent = await desk.CreateUserAsync(Roles.Agent);
        using var client = await desk.CreateSignedInClientAsync();

        var reply = await client.PostAsJsonAsync($"/api/v1/conversations/{id}/reply", new { text = "Wat vervelend! Ik kijk het direct voor u na." });
        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        Assert.Equal("open", (await reply.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("conversation").GetProperty("status").GetString());

        desk.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/v1/conversations/{id}/notes", new { text = "Storing in de wijk?" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/v1/conversations/{id}/assign", new { agentId = agent.Id })).StatusCode);

        var first = await (await client.PostAsJsonAsync($"/api/v1/conversations/{id}/transfer", new { teamId = teamA, reason = "technisch" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Null, first.GetProperty("warning").ValueKind);
        Assert.Equal(1, first.GetProperty("conversation").GetProperty("transferCount").GetInt32());

        var second = await (await client.PostAsJsonAsync($"/api/v1/conversations/{id}/transfer", new { teamId = teamB }))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("at most 1", second.GetProperty("warning").GetString());
        Assert.Equal(2, second.GetProperty("conversation").GetProperty("transferCount").GetInt32());
        Assert.Equal(teamB, second.GetProperty("conversation").GetProperty("teamId").GetGuid());

        desk.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/v1/conversations/{id}/status", new { status = "resolved" })).StatusCode);

        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{id}");
        var kinds = detail.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["created", "message_received", "reply_sent", "note_added", "assigned", "transferred", "transferred", "status_changed"], kinds);
        var messages = detail.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("direction").GetString()).ToList();
        Assert.Equal(["inbound", "outbound", "note"], messages);
        Assert.Equal("resolved", detail.GetProperty("conversation").GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKind.Null, detail.GetProperty("firstResponseAt").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, detail.GetProperty("resolvedAt").ValueKind);
    }

    [Fact]
    public async Task List_filters_by_minimum_severity_and_text()
    {
        var marker = "factuur" + Guid.NewGuid().ToString("N")[..8];
        var abusive = await IngestAsync($"Kankerlijers, waar blijft mijn {marker}?");
        var polite = await IngestAsync($"Goedemorgen, ik mis mijn {marker}. Groet, Piet");
        using var client = await desk.CreateSignedInClientAsync();

        var hostile = await client.GetFromJsonAsync<JsonElement>($"/api/v1/conversations?severity=abusive&q={marker}");
        var all = await client.GetFromJsonAsync<JsonElement>($"/api/v1/conversations?q={marker.ToUpperInvariant()}&pageSize=10");

        Assert.Equal([abusive], hostile.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        Assert.Equal(2, all.GetProperty("total").GetInt32());
        Assert.Contains(polite, all.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
    }

    [Fact]
    public async Task Agent_does_not_see_another_teams_queue()
    {
        var id = await IngestAsync("Waar is mijn pakket?");
        var team = await CreateTeamAsync("Elders " + Guid.NewGuid().ToString("N")[..6]);
        await desk.WithDatabaseAsync(async db =>
        {
            (await db.Conversations.SingleAsync(c => c.Id == id)).TeamId = team;
            return await db.SaveChangesAsync();
        });
        var agent = await desk.CreateUserAsync(Roles.Agent);
        using var client = await desk.CreateSignedInClientAsync(agent.Email!);

        await ProblemAssert.IsProblemAsync(await client.GetAsync($"/api/v1/conversations/{id}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Bad_requests_are_problems()
    {
        var id = await IngestAsync("Hallo");
        using var client = await desk.CreateSignedInClientAsync();

        await ProblemAssert.IsProblemAsync(await client.GetAsync($"/api/v1/conversations/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync($"/api/v1/conversations/{id}/status", new { status = "done" }), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync($"/api/v1/conversations/{id}/reply", new { text = " " }), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync($"/api/v1/conversations/{id}/assign", new { agentId = "nobody" }), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync($"/api/v1/conversations/{id}/transfer", new { }), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/v1/conversations?pageSize=1000"), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/v1/conversations?channel=fax"), HttpStatusCode.BadRequest);
    }
}

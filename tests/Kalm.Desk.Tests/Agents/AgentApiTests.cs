using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kalm.Desk.Domain;
using Kalm.Desk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kalm.Desk.Tests.Agents;

public sealed class AgentApiTests_Sqlite(SqliteDesk desk) : AgentApiTests<SqliteDesk>(desk);

public sealed class AgentApiTests_Postgres(PostgresDesk desk) : AgentApiTests<PostgresDesk>(desk);

/// <summary>Agents read their profile and switch their presence, which is kept as history.</summary>
public abstract class AgentApiTests<TDesk>(TDesk desk) : IClassFixture<TDesk>
    where TDesk : DeskFactory
{
    [Fact]
    public async Task Presence_changes_are_kept_with_their_history()
    {
        var agent = await desk.CreateUserAsync(Roles.Agent);
        using var client = await desk.CreateSignedInClientAsync(agent.Email!);

        var available = await client.PutAsJsonAsync("/api/v1/agents/me/presence", new { presence = "available" });
        desk.Clock.Advance(TimeSpan.FromMinutes(50));
        var onBreak = await client.PutAsJsonAsync("/api/v1/agents/me/presence", new { presence = "break" });

        Assert.Equal(HttpStatusCode.OK, available.StatusCode);
        Assert.Equal("break", (await onBreak.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("presence").GetString());
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/agents/me");
        Assert.Equal("break", me.GetProperty("presence").GetString());
        Assert.Equal("Alias Agent", me.GetProperty("publicAlias").GetString());
        var history = await desk.WithDatabaseAsync(db => db.PresenceChanges.Where(p => p.AgentId == agent.Id).OrderBy(p => p.At).ToListAsync());
        Assert.Equal([(Presence.Offline, Presence.Available), (Presence.Available, Presence.Break)], history.Select(h => (h.From, h.To)));
        Assert.Equal(TimeSpan.FromMinutes(50), history[1].At - history[0].At);
    }

    [Fact]
    public async Task Unknown_presence_is_a_problem_and_agents_are_listed()
    {
        var agent = await desk.CreateUserAsync(Roles.Agent);
        using var client = await desk.CreateSignedInClientAsync(agent.Email!);

        await ProblemAssert.IsProblemAsync(await client.PutAsJsonAsync("/api/v1/agents/me/presence", new { presence = "asleep" }), HttpStatusCode.BadRequest);
        var agents = await client.GetFromJsonAsync<JsonElement>("/api/v1/agents");
        Assert.Contains(agents.EnumerateArray(), a => a.GetProperty("id").GetString() == agent.Id);
    }
}

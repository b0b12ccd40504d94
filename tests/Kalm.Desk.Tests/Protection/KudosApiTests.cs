using System.Net.Http.Json;
using System.Text.Json;
using Kalm.Desk.Domain;
using Kalm.Desk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kalm.Desk.Tests.Protection;

public sealed class KudosApiTests_Sqlite(SqliteDesk desk) : KudosApiTests<SqliteDesk>(desk);

public sealed class KudosApiTests_Postgres(PostgresDesk desk) : KudosApiTests<PostgresDesk>(desk);

/// <summary>Compliments collected per agent, shared with the team only when the agent allows it.</summary>
public abstract class KudosApiTests<TDesk>(TDesk desk) : IClassFixture<TDesk>
    where TDesk : DeskFactory
{
    [Fact]
    public async Task Compliments_go_to_the_assigned_agent_and_to_team_mates_only_when_shared()
    {
        var praised = await desk.CreateUserAsync(Roles.Agent);
        var mate = await desk.CreateUserAsync(Roles.Agent);
        var outsider = await desk.CreateUserAsync(Roles.Agent);
        await desk.WithDatabaseAsync(async db =>
        {
            var team = new Team { Name = "Kudos " + Guid.NewGuid().ToString("N")[..6] };
            db.Teams.Add(team);
            var members = await db.Users.Where(u => u.Id == praised.Id || u.Id == mate.Id).ToListAsync();
            members.ForEach(team.Members.Add);
            return await db.SaveChangesAsync();
        });
        using var ingest = desk.CreateIngestClient();
        var sent = await ingest.PostAsJsonAsync("/api/v1/inbound", new { channel = "email", externalId = Guid.NewGuid().ToString(), from = new { email = $"blij-{Guid.NewGuid():N}@example.nl", name = "Blije Klant" }, text = "Heel erg bedankt, u bent super behulpzaam geweest!" });
        var body = await sent.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("compliment", body.GetProperty("analysis").GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        var conversationId = body.GetProperty("conversationId").GetGuid();
        using var admin = await desk.CreateSignedInClientAsync();
        (await admin.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/assign", new { agentId = praised.Id })).EnsureSuccessStatusCode();
        using var praisedClient = await desk.CreateSignedInClientAsync(praised.Email!);
        using var mateClient = await desk.CreateSignedInClientAsync(mate.Email!);
        using var outsiderClient = await desk.CreateSignedInClientAsync(outsider.Email!);

        var mine = await praisedClient.GetFromJsonAsync<JsonElement>("/api/v1/kudos/me");
        var notShared = await mateClient.GetFromJsonAsync<JsonElement>("/api/v1/kudos/team");
        (await praisedClient.PutAsJsonAsync("/api/v1/agents/me/privacy", new { shareKudos = true })).EnsureSuccessStatusCode();
        var shared = await mateClient.GetFromJsonAsync<JsonElement>("/api/v1/kudos/team");
        var otherTeam = await outsiderClient.GetFromJsonAsync<JsonElement>("/api/v1/kudos/team");

        var kudo = Assert.Single(mine.EnumerateArray());
        Assert.Equal("Heel erg bedankt, u bent super behulpzaam geweest!", kudo.GetProperty("text").GetString());
        Assert.Equal("Blije Klant", kudo.GetProperty("customerName").GetString());
        Assert.Equal(conversationId, kudo.GetProperty("conversationId").GetGuid());
        Assert.Empty(notShared.EnumerateArray());
        Assert.Equal("Alias Agent", Assert.Single(shared.EnumerateArray()).GetProperty("agentAlias").GetString());
        Assert.Empty(otherTeam.EnumerateArray());
        Assert.Empty((await mateClient.GetFromJsonAsync<JsonElement>("/api/v1/kudos/me")).EnumerateArray());
    }
}

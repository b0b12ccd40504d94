using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kalm.Desk.Domain;
using Kalm.Desk.Tests.Infrastructure;

namespace Kalm.Desk.Tests.Admin;

public sealed class AdministrationApiTests_Sqlite(SqliteDesk desk) : AdministrationApiTests<SqliteDesk>(desk);

public sealed class AdministrationApiTests_Postgres(PostgresDesk desk) : AdministrationApiTests<PostgresDesk>(desk);

/// <summary>Teams and accounts, managed by admins through the API the admin screens share.</summary>
public abstract class AdministrationApiTests<TDesk>(TDesk desk) : IClassFixture<TDesk>
    where TDesk : DeskFactory
{
    [Fact]
    public async Task Admin_invites_an_agent_who_signs_in_with_the_one_time_password_and_gets_a_team()
    {
        using var admin = await desk.CreateSignedInClientAsync();
        var email = $"nieuw-{Guid.NewGuid():N}@kalm.test";
        var team = await admin.PostAsJsonAsync("/api/v1/teams", new { name = "Team " + Guid.NewGuid().ToString("N")[..6], sortOrder = 5, channels = new[] { "email", "whatsapp" } });
        team.EnsureSuccessStatusCode();
        var teamId = (await team.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var invited = await admin.PostAsJsonAsync("/api/v1/agents", new { email, displayName = "Nina Bakker", publicAlias = "Nina", role = "Agent" });
        invited.EnsureSuccessStatusCode();
        var body = await invited.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetString();
        var password = body.GetProperty("password").GetString()!;
        var updated = await admin.PutAsJsonAsync($"/api/v1/agents/{id}", new
        {
            teams = new[] { teamId },
            skills = new[] { "Facturatie" },
            capacity = new[] { new { channel = "email", maxConcurrent = 6 } },
        });

        updated.EnsureSuccessStatusCode();
        var account = await updated.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(teamId, account.GetProperty("teams")[0].GetGuid());
        Assert.Equal("facturatie", account.GetProperty("skills")[0].GetString());
        using var agent = await desk.CreateSignedInClientAsync(email, password);
        var me = await agent.GetFromJsonAsync<JsonElement>("/api/v1/agents/me");
        Assert.Equal("Nina", me.GetProperty("publicAlias").GetString());
        await ProblemAssert.IsProblemAsync(await admin.PostAsJsonAsync("/api/v1/agents", new { email, displayName = "Nina", publicAlias = "Nina" }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task An_admin_cannot_take_away_their_own_admin_role_and_agents_cannot_invite()
    {
        var adminUser = await desk.CreateUserAsync(Roles.Admin);
        using var admin = await desk.CreateSignedInClientAsync(adminUser.Email!);
        var agentUser = await desk.CreateUserAsync(Roles.Agent);
        using var agent = await desk.CreateSignedInClientAsync(agentUser.Email!);

        await ProblemAssert.IsProblemAsync(await admin.PutAsJsonAsync($"/api/v1/agents/{adminUser.Id}", new { role = "Agent" }), HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostAsJsonAsync("/api/v1/agents", new { email = "x@kalm.test", displayName = "X", publicAlias = "X" })).StatusCode);

        var promoted = await admin.PutAsJsonAsync($"/api/v1/agents/{agentUser.Id}", new { role = "Supervisor" });
        promoted.EnsureSuccessStatusCode();
        Assert.Equal("Supervisor", (await promoted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("role").GetString());
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kalm.Desk.Domain;
using Kalm.Desk.Tests.Infrastructure;

namespace Kalm.Desk.Tests.Admin;

public sealed class TemplateApiTests_Sqlite(SqliteDesk desk) : TemplateApiTests<SqliteDesk>(desk);

public sealed class TemplateApiTests_Postgres(PostgresDesk desk) : TemplateApiTests<PostgresDesk>(desk);

/// <summary>Reply templates through the API: agents read them, admins manage them.</summary>
public abstract class TemplateApiTests<TDesk>(TDesk desk) : IClassFixture<TDesk>
    where TDesk : DeskFactory
{
    [Fact]
    public async Task Admin_creates_changes_and_deletes_a_template_that_agents_read()
    {
        using var admin = await desk.CreateSignedInClientAsync();
        var agentUser = await desk.CreateUserAsync(Roles.Agent);
        using var agent = await desk.CreateSignedInClientAsync(agentUser.Email!);
        var name = "Excuses " + Guid.NewGuid().ToString("N")[..6];

        var created = await admin.PostAsJsonAsync("/api/v1/templates", new { name, kind = "de_escalation", language = "nl", body = "Beste {klant}, excuses." });
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var changed = await admin.PutAsJsonAsync($"/api/v1/templates/{id}", new { name, kind = "de_escalation", language = "nl", body = "Beste {klant}, onze excuses." });
        var list = await agent.GetFromJsonAsync<JsonElement>("/api/v1/templates");

        changed.EnsureSuccessStatusCode();
        var listed = list.EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == id);
        Assert.Equal("Beste {klant}, onze excuses.", listed.GetProperty("body").GetString());
        Assert.Equal("de_escalation", listed.GetProperty("kind").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/templates/{id}")).StatusCode);
        await ProblemAssert.IsProblemAsync(await admin.DeleteAsync($"/api/v1/templates/{id}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Template_rules_are_problems_and_agents_cannot_manage_templates()
    {
        using var admin = await desk.CreateSignedInClientAsync();
        var agentUser = await desk.CreateUserAsync(Roles.Agent);
        using var agent = await desk.CreateSignedInClientAsync(agentUser.Email!);
        var name = "Dubbel " + Guid.NewGuid().ToString("N")[..6];
        (await admin.PostAsJsonAsync("/api/v1/templates", new { name, body = "Tekst" })).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostAsJsonAsync("/api/v1/templates", new { name = "x", body = "y" })).StatusCode);
        await ProblemAssert.IsProblemAsync(await admin.PostAsJsonAsync("/api/v1/templates", new { name, body = "Tekst" }), HttpStatusCode.Conflict);
        await ProblemAssert.IsProblemAsync(await admin.PostAsJsonAsync("/api/v1/templates", new { name = "Te lang", body = new string('x', 10_001) }), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await admin.PostAsJsonAsync("/api/v1/templates", new { name = "Soort", kind = "rant", body = "x" }), HttpStatusCode.BadRequest);
    }
}

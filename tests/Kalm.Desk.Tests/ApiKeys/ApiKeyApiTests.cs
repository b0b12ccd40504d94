using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kalm.Desk.Domain;
using Kalm.Desk.Tests.Infrastructure;

namespace Kalm.Desk.Tests.ApiKeys;

public sealed class ApiKeyApiTests_Sqlite(SqliteDesk desk) : ApiKeyApiTests<SqliteDesk>(desk);

public sealed class ApiKeyApiTests_Postgres(PostgresDesk desk) : ApiKeyApiTests<PostgresDesk>(desk);

/// <summary>Admins manage the integration keys; agents cannot.</summary>
public abstract class ApiKeyApiTests<TDesk>(TDesk desk) : IClassFixture<TDesk>
    where TDesk : DeskFactory
{
    private static object Inbound() => new
    {
        channel = "api",
        externalId = Guid.NewGuid().ToString(),
        from = new { email = $"k-{Guid.NewGuid():N}@example.nl" },
        text = "Test via de koppeling",
    };

    [Fact]
    public async Task Agent_cannot_manage_api_keys()
    {
        var agent = await desk.CreateUserAsync(Roles.Agent);
        using var client = await desk.CreateSignedInClientAsync(agent.Email!);

        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/v1/api-keys"), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/v1/api-keys", new { name = "mine" }), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Created_key_works_for_ingest_until_it_is_revoked()
    {
        using var admin = await desk.CreateSignedInClientAsync();

        var created = await admin.PostAsJsonAsync("/api/v1/api-keys", new { name = "Telefooncentrale" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var secret = body.GetProperty("secret").GetString()!;
        var id = body.GetProperty("key").GetProperty("id").GetGuid();

        var listed = await admin.GetFromJsonAsync<JsonElement>("/api/v1/api-keys");
        Assert.Contains(listed.EnumerateArray(), k => k.GetProperty("id").GetGuid() == id);
        Assert.DoesNotContain(secret, listed.GetRawText());

        using var integration = desk.CreateIngestClient(secret);
        Assert.Equal(HttpStatusCode.Created, (await integration.PostAsJsonAsync("/api/v1/inbound", Inbound())).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync($"/api/v1/api-keys/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await integration.PostAsJsonAsync("/api/v1/inbound", Inbound())).StatusCode);
    }

    [Fact]
    public async Task Key_without_a_name_or_unknown_key_is_a_problem()
    {
        using var admin = await desk.CreateSignedInClientAsync();

        await ProblemAssert.IsProblemAsync(await admin.PostAsJsonAsync("/api/v1/api-keys", new { name = "" }), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await admin.DeleteAsync($"/api/v1/api-keys/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
    }
}

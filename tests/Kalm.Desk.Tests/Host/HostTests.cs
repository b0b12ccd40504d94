using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kalm.Desk.Tests.Infrastructure;

namespace Kalm.Desk.Tests.Host;

public sealed class HostTests_Sqlite(SqliteDesk desk) : HostTests<SqliteDesk>(desk);

public sealed class HostTests_Postgres(PostgresDesk desk) : HostTests<PostgresDesk>(desk);

/// <summary>Health, sign-in and the API description.</summary>
public abstract class HostTests<TDesk>(TDesk desk) : IClassFixture<TDesk>
    where TDesk : DeskFactory
{
    [Theory]
    [InlineData("/health")]
    [InlineData("/health/ready")]
    public async Task Health_endpoints_answer_healthy(string path)
    {
        using var client = desk.CreateClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Wrong_password_is_a_401_problem()
    {
        using var client = desk.CreateClient();

        var response = await client.PostAsJsonAsync("/api/auth/login", new { email = DeskFactory.AdminEmail, password = "not-the-password" });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Bearer_token_from_sign_in_opens_the_agent_api()
    {
        using var client = await desk.CreateSignedInClientAsync();

        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/agents/me");

        Assert.Equal(DeskFactory.AdminEmail, me.GetProperty("email").GetString());
    }

    [Fact]
    public async Task OpenApi_document_describes_the_feature_groups()
    {
        using var client = desk.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();

        Assert.Contains("/api/v1/inbound", paths);
        Assert.Contains("/api/v1/conversations/{id}/transfer", paths);
        Assert.Contains("/api/v1/api-keys", paths);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/docs")).StatusCode);
    }

    [Fact]
    public async Task Unknown_route_is_a_404_problem()
    {
        using var client = desk.CreateClient();

        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/v1/nothing-here"), HttpStatusCode.NotFound);
    }
}

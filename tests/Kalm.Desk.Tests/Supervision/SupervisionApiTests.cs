using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kalm.Desk.Domain;
using Kalm.Desk.Tests.Infrastructure;

namespace Kalm.Desk.Tests.Supervision;

public sealed class SupervisionApiTests_Sqlite(SqliteDesk desk) : SupervisionApiTests<SqliteDesk>(desk);

public sealed class SupervisionApiTests_Postgres(PostgresDesk desk) : SupervisionApiTests<PostgresDesk>(desk);

/// <summary>The supervisor overview: waiting work per queue, today's hostile conversations, agents' presence.</summary>
public abstract class SupervisionApiTests<TDesk>(TDesk desk) : IClassFixture<TDesk>
    where TDesk : DeskFactory
{
    [Fact]
    public async Task Overview_counts_waiting_work_and_lists_todays_threats()
    {
        using var ingest = desk.CreateIngestClient();
        async Task<Guid> SendAsync(string text)
        {
            var response = await ingest.PostAsJsonAsync("/api/v1/inbound", new
            {
                channel = "email",
                externalId = Guid.NewGuid().ToString(),
                from = new { email = $"sup-{Guid.NewGuid():N}@example.nl" },
                text,
            });
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("conversationId").GetGuid();
        }

        await SendAsync("Mijn factuur klopt niet, kunt u kijken?");
        desk.Clock.Advance(TimeSpan.FromMinutes(12));
        var threat = await SendAsync("Ik weet waar je woont en ik wacht je op na je dienst.");
        using var supervisor = await desk.CreateSignedInClientAsync();

        var overview = await supervisor.GetFromJsonAsync<JsonElement>("/api/v1/supervision/overview");

        var unqueued = overview.GetProperty("queues").EnumerateArray().Single(q => q.GetProperty("teamId").ValueKind == JsonValueKind.Null);
        Assert.True(unqueued.GetProperty("waiting").GetInt32() >= 2);
        Assert.True(TimeSpan.Parse(unqueued.GetProperty("longestWait").GetString()!, System.Globalization.CultureInfo.InvariantCulture) >= TimeSpan.FromMinutes(12));
        var hostile = overview.GetProperty("hostileToday").EnumerateArray().Single(h => h.GetProperty("id").GetGuid() == threat);
        Assert.Equal("threat", hostile.GetProperty("severity").GetString());
        Assert.Contains(overview.GetProperty("agents").EnumerateArray(), a => a.GetProperty("displayName").GetString() is not null);
    }

    [Fact]
    public async Task Agents_may_not_read_the_overview()
    {
        var agent = await desk.CreateUserAsync(Roles.Agent);
        using var client = await desk.CreateSignedInClientAsync(agent.Email!);

        var response = await client.GetAsync("/api/v1/supervision/overview");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kalm.Desk.Domain;
using Kalm.Desk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kalm.Desk.Tests.Reports;

public sealed class KpiApiTests_Sqlite(SqliteDesk desk) : KpiApiTests<SqliteDesk>(desk);

public sealed class KpiApiTests_Postgres(PostgresDesk desk) : KpiApiTests<PostgresDesk>(desk);

/// <summary>Key figures from conversations handled on the test clock.</summary>
public abstract class KpiApiTests<TDesk>(TDesk desk) : IClassFixture<TDesk>
    where TDesk : DeskFactory
{
    [Fact]
    public async Task Figures_per_queue_and_agent_follow_what_happened()
    {
        var teamName = "KPI " + Guid.NewGuid().ToString("N")[..6];
        var teamId = await desk.WithDatabaseAsync(async db =>
        {
            var team = new Team { Name = teamName, Channels = [Channel.Chat] };
            db.Teams.Add(team);
            await db.SaveChangesAsync();
            return team.Id;
        });
        var agent = await desk.CreateUserAsync(Roles.Agent);
        var other = await desk.CreateUserAsync(Roles.Agent);
        using var admin = await desk.CreateSignedInClientAsync();
        var start = desk.Clock.GetUtcNow();

        // Taken after 10 s, answered, resolved 5 minutes later: in the service level, handle time 300 s.
        var quick = await SendAsync(teamId, "Hoi, mijn router knippert rood.");
        desk.Clock.Advance(TimeSpan.FromSeconds(10));
        await PostAsync(admin, $"/api/v1/conversations/{quick}/assign", new { agentId = agent.Id });
        await PostAsync(admin, $"/api/v1/conversations/{quick}/reply", new { text = "Ik kijk even mee." });
        desk.Clock.Advance(TimeSpan.FromMinutes(5));
        await PostAsync(admin, $"/api/v1/conversations/{quick}/status", new { status = "resolved" });

        // Taken after a minute, abusive, transferred twice, resolved 10 minutes later: over the 450 s guideline.
        var slow = await SendAsync(teamId, "Kankerlijers, waar blijft mijn monteur?");
        desk.Clock.Advance(TimeSpan.FromMinutes(1));
        await PostAsync(admin, $"/api/v1/conversations/{slow}/assign", new { agentId = agent.Id });
        await PostAsync(admin, $"/api/v1/conversations/{slow}/transfer", new { agentId = other.Id });
        await PostAsync(admin, $"/api/v1/conversations/{slow}/transfer", new { agentId = agent.Id });
        desk.Clock.Advance(TimeSpan.FromMinutes(10));
        await PostAsync(admin, $"/api/v1/conversations/{slow}/status", new { status = "resolved" });

        var report = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/reports/kpis?from={Uri.EscapeDataString(start.AddSeconds(-1).ToString("O"))}&to={Uri.EscapeDataString(desk.Clock.GetUtcNow().AddSeconds(1).ToString("O"))}");

        var queue = report.GetProperty("queues").EnumerateArray().Single(q => q.GetProperty("name").GetString() == teamName);
        Assert.Equal(2, queue.GetProperty("conversations").GetInt32());
        Assert.Equal(2, queue.GetProperty("resolved").GetInt32());
        Assert.Equal((300 + 600) / 2.0, queue.GetProperty("avgHandleSeconds").GetDouble(), 1);
        Assert.Equal(0.5, queue.GetProperty("overGuidelineShare").GetDouble(), 3);
        Assert.Equal(0.5, queue.GetProperty("serviceLevel").GetDouble(), 3);
        Assert.Equal(1, queue.GetProperty("transferred").GetInt32());
        Assert.Equal(1, queue.GetProperty("transferredMoreThanOnce").GetInt32());
        Assert.Equal(0.5, queue.GetProperty("hostileShare").GetDouble(), 3);
        Assert.Equal(10, queue.GetProperty("avgFirstResponseSeconds").GetDouble(), 1);
        Assert.Equal(450, report.GetProperty("handleTimeGuidelineSeconds").GetInt32());
        var mine = report.GetProperty("agents").EnumerateArray().Single(a => a.GetProperty("id").GetString() == agent.Id);
        Assert.Equal(2, mine.GetProperty("conversations").GetInt32());

        // An agent sees the queues and their own figures, not a colleague's.
        using var otherClient = await desk.CreateSignedInClientAsync(other.Email!);
        var theirs = await otherClient.GetFromJsonAsync<JsonElement>($"/api/v1/reports/kpis?from={Uri.EscapeDataString(start.AddSeconds(-1).ToString("O"))}");
        Assert.All(theirs.GetProperty("agents").EnumerateArray(), a => Assert.Equal(other.Id, a.GetProperty("id").GetString()));
        Assert.Contains(theirs.GetProperty("queues").EnumerateArray(), q => q.GetProperty("name").GetString() == teamName);
    }

    [Fact]
    public async Task A_backwards_or_endless_period_is_refused()
    {
        using var admin = await desk.CreateSignedInClientAsync();

        await ProblemAssert.IsProblemAsync(await admin.GetAsync("/api/v1/reports/kpis?from=2026-05-12T10:00:00Z&to=2026-05-12T09:00:00Z"), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await admin.GetAsync("/api/v1/reports/kpis?from=2020-01-01T00:00:00Z&to=2026-05-12T09:00:00Z"), HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.Unauthorized, (await desk.CreateClient().GetAsync("/api/v1/reports/kpis")).StatusCode);
    }

    private async Task<Guid> SendAsync(Guid teamId, string text)
    {
        var id = (await desk.DeliverAsync("chat", text)).ConversationId;
        await desk.WithDatabaseAsync(db => db.Conversations.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.TeamId, teamId)));
        return id;
    }

    private static async Task PostAsync(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {await response.Content.ReadAsStringAsync()}");
    }
}

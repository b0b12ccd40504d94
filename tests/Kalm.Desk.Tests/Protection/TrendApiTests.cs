using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kalm.Desk.Domain;
using Kalm.Desk.Tests.Infrastructure;
using Kalm.Shield;

namespace Kalm.Desk.Tests.Protection;

public sealed class TrendApiTests_Sqlite(SqliteDesk desk) : TrendApiTests<SqliteDesk>(desk);

public sealed class TrendApiTests_Postgres(PostgresDesk desk) : TrendApiTests<PostgresDesk>(desk);

/// <summary>Trend signals over hostile contacts and incidents, and the organisation events supervisors mark on them.</summary>
public abstract class TrendApiTests<TDesk>(TDesk desk) : IClassFixture<TDesk>
    where TDesk : DeskFactory
{
    private static string Day(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_day_with_far_more_hostile_contacts_than_its_weekday_baseline_is_a_signal_overall_and_for_its_queue()
    {
        using var supervisor = await desk.CreateSignedInClientAsync();
        var created = await supervisor.PostAsJsonAsync("/api/v1/teams", new { name = "Facturen " + Guid.NewGuid().ToString("N")[..6], sortOrder = -100, channels = new[] { "email" } });
        var teamId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var now = desk.Clock.GetUtcNow();

        // Ten weeks of one rude-or-worse message a day in the queue: the baseline.
        await desk.WithDatabaseAsync(async db =>
        {
            var customer = new Customer { Name = "Baseline", CreatedAt = now.AddDays(-80), UpdatedAt = now };
            var conversation = new Conversation { Channel = Channel.Email, CustomerId = customer.Id, TeamId = teamId, Status = ConversationStatus.Closed, CreatedAt = now.AddDays(-80), LastMessageAt = now.AddDays(-1) };
            db.Customers.Add(customer);
            db.Conversations.Add(conversation);
            for (var day = 1; day <= 70; day++)
            {
                db.Messages.Add(new Message
                {
                    ConversationId = conversation.Id,
                    Channel = Channel.Email,
                    Direction = MessageDirection.Inbound,
                    Text = "Stelletje idioten.",
                    SentAt = now.AddDays(-day),
                    CreatedAt = now.AddDays(-day),
                    Severity = Severity.Abusive,
                    Categories = ["insult"],
                });
            }

            return await db.SaveChangesAsync();
        });

        // Today: a mailing went wrong.
        using var ingest = desk.CreateIngestClient();
        foreach (var text in Enumerable.Repeat("Vuile kankerlijer, geef me gewoon mijn geld terug.", 9).Append("Ik weet waar je woont. Ik wacht je op na je dienst."))
        {
            var sent = await ingest.PostAsJsonAsync("/api/v1/inbound", new { channel = "email", externalId = Guid.NewGuid().ToString(), from = new { email = $"trend-{Guid.NewGuid():N}@example.nl" }, text });
            sent.EnsureSuccessStatusCode();
        }

        var report = await supervisor.GetFromJsonAsync<JsonElement>($"/api/v1/protection/trends?from={Day(now.AddDays(-6))}&to={Day(now)}");

        var days = report.GetProperty("overall").GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(7, days.Count);
        Assert.Equal(Day(now), days[^1].GetProperty("start").GetString());
        Assert.Equal(10, days[^1].GetProperty("hostileContacts").GetInt32());
        Assert.Equal(1, days[^1].GetProperty("incidents").GetInt32());
        Assert.Equal(10, days[^1].GetProperty("channels").GetProperty("email").GetInt32());
        Assert.Equal(1, days[^2].GetProperty("hostileContacts").GetInt32());
        Assert.Equal(1, days[^2].GetProperty("categories").GetProperty("insult").GetInt32());
        var queue = report.GetProperty("queues").EnumerateArray().Single(q => q.GetProperty("teamId").GetGuid() == teamId);
        Assert.Equal(10, queue.GetProperty("days").EnumerateArray().Last().GetProperty("hostileContacts").GetInt32());
        Assert.NotEmpty(queue.GetProperty("weeks").EnumerateArray());

        var daySignals = report.GetProperty("signals").EnumerateArray().Where(s => s.GetProperty("period").GetString() == "day").ToList();
        Assert.Equal(2, daySignals.Count);
        Assert.All(daySignals, s => Assert.Equal(Day(now), s.GetProperty("start").GetString()));
        Assert.Contains(daySignals, s => s.GetProperty("teamId").ValueKind == JsonValueKind.Null);
        var queueSignal = daySignals.Single(s => s.GetProperty("teamId").ValueKind != JsonValueKind.Null);
        Assert.Equal(teamId, queueSignal.GetProperty("teamId").GetGuid());
        Assert.Equal(10, queueSignal.GetProperty("count").GetInt32());
        Assert.Equal(1.0, queueSignal.GetProperty("expected").GetDouble());
        Assert.True(queueSignal.GetProperty("pValue").GetDouble() < 0.001);
    }

    [Fact]
    public async Task Supervisors_mark_change_and_remove_organisation_events_on_the_timeline()
    {
        using var supervisor = await desk.CreateSignedInClientAsync();
        var today = Day(desk.Clock.GetUtcNow());

        var added = await supervisor.PostAsJsonAsync("/api/v1/protection/events", new { date = today, title = "Mailing prijsverhoging", description = "Alle klanten met een abonnement." });

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var created = await added.Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/protection/events/{id}", added.Headers.Location?.OriginalString);
        var report = await supervisor.GetFromJsonAsync<JsonElement>("/api/v1/protection/trends");
        var marked = report.GetProperty("events").EnumerateArray().Single(e => e.GetProperty("id").GetGuid() == id);
        Assert.Equal("Mailing prijsverhoging", marked.GetProperty("title").GetString());
        Assert.Equal(today, marked.GetProperty("date").GetString());

        var changed = await supervisor.PutAsJsonAsync($"/api/v1/protection/events/{id}", new { date = today, title = "Mailing prijsverhoging 2027" });
        changed.EnsureSuccessStatusCode();
        var listed = await supervisor.GetFromJsonAsync<JsonElement>("/api/v1/protection/events");
        Assert.Equal("Mailing prijsverhoging 2027", listed.EnumerateArray().Single(e => e.GetProperty("id").GetGuid() == id).GetProperty("title").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await supervisor.DeleteAsync($"/api/v1/protection/events/{id}")).StatusCode);
        await ProblemAssert.IsProblemAsync(await supervisor.DeleteAsync($"/api/v1/protection/events/{id}"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await supervisor.PutAsJsonAsync($"/api/v1/protection/events/{id}", new { date = today, title = "x" }), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Events_need_a_date_a_title_and_an_existing_queue()
    {
        using var supervisor = await desk.CreateSignedInClientAsync();
        var today = Day(desk.Clock.GetUtcNow());

        await ProblemAssert.IsProblemAsync(await supervisor.PostAsJsonAsync("/api/v1/protection/events", new { title = "Storing" }), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await supervisor.PostAsJsonAsync("/api/v1/protection/events", new { date = today, title = " " }), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await supervisor.PostAsJsonAsync("/api/v1/protection/events", new { date = today, title = "Storing", teamId = Guid.NewGuid() }), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await supervisor.GetAsync($"/api/v1/protection/trends?from={today}&to=2020-01-01"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Agents_see_neither_trends_nor_events()
    {
        var agent = await desk.CreateUserAsync(Roles.Agent);
        using var client = await desk.CreateSignedInClientAsync(agent.Email!);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/protection/trends")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/v1/protection/events", new { date = "2026-05-12", title = "x" })).StatusCode);
    }
}

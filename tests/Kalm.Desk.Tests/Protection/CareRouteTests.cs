using System.Net.Http.Json;
using System.Text.Json;
using Kalm.Desk.Domain;
using Kalm.Desk.Infrastructure;
using Kalm.Desk.Protection;
using Kalm.Desk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kalm.Desk.Tests.Protection;

/// <summary>Choosing the helpline, and configuring lines per country.</summary>
public sealed class CareLineTests
{
    [Fact]
    public void The_line_follows_the_customers_dialling_code_else_the_default_country()
    {
        var options = new CareOptions();

        Assert.Equal("Zelfmoordlijn 1813", CareRoute.LineFor(["+32470123456"], options).Name);
        Assert.Equal("0800-0113", CareRoute.LineFor(["+31612345678"], options).Phone);
        Assert.Equal("113 Zelfmoordpreventie", CareRoute.LineFor([], options).Name);
        Assert.Equal("113 Zelfmoordpreventie", CareRoute.LineFor(["+4915112345678"], options).Name);
    }

    [Fact]
    public void Configuration_overrides_a_number_and_adds_a_country()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kalm:Care:Countries:BE:Phone"] = "1813 (24/7)",
            ["Kalm:Care:Countries:DE:Name"] = "Telefonseelsorge",
            ["Kalm:Care:Countries:DE:Phone"] = "0800 111 0 111",
            ["Kalm:Care:Countries:DE:DiallingCode"] = "+49",
            ["Kalm:Care:DefaultCountry"] = "BE",
        }).Build();
        var options = configuration.GetSection(CareOptions.Section).Get<CareOptions>()!;

        Assert.Equal("1813 (24/7)", CareRoute.LineFor([], options).Phone);
        Assert.Equal("Telefonseelsorge", CareRoute.LineFor(["+4915112345678"], options).Name);
        Assert.Equal("0800-0113", CareRoute.LineFor(["+31612345678"], options).Phone);
    }
}

public sealed class CareRouteApiTests_Sqlite(SqliteDesk desk) : CareRouteApiTests<SqliteDesk>(desk);

public sealed class CareRouteApiTests_Postgres(PostgresDesk desk) : CareRouteApiTests<PostgresDesk>(desk);

/// <summary>A customer who may harm themselves gets care, not a conduct record.</summary>
public abstract class CareRouteApiTests<TDesk>(TDesk desk) : IClassFixture<TDesk>
    where TDesk : DeskFactory
{
    [Fact]
    public async Task A_self_harm_message_is_never_abuse_and_alerts_the_supervisors_at_once()
    {
        using var listening = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var changes = desk.Services.GetRequiredService<IConversationEvents>().SubscribeAsync(listening.Token).GetAsyncEnumerator(listening.Token);

        // The first MoveNext subscribes; it completes with the first change published afterwards.
        var next = changes.MoveNextAsync();
        using var ingest = desk.CreateIngestClient();

        var response = await ingest.PostAsJsonAsync("/api/v1/inbound", new
        {
            channel = "whatsapp",
            externalId = Guid.NewGuid().ToString(),
            from = new { phone = "+32470" + Random.Shared.Next(100_000, 999_999) },
            text = "Stelletje klootzakken, ik wil niet meer leven.",
        });

        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var conversationId = body.GetProperty("conversationId").GetGuid();
        var categories = body.GetProperty("analysis").GetProperty("categories").EnumerateArray().Select(c => c.GetString()).ToList();
        Assert.Contains("self_harm", categories);
        Assert.True(categories.Count > 1, "Shield also found the abuse, which the care route sets aside: " + string.Join(", ", categories));
        Assert.Equal("none", body.GetProperty("analysis").GetProperty("severity").GetString());

        var stored = await desk.WithDatabaseAsync(db => db.Conversations.Where(c => c.Id == conversationId)
            .Select(c => new { c.HighestSeverity, c.Priority, c.CustomerId, Care = c.Events.Count(e => e.Kind == ConversationEventKind.CareNeeded), Incidents = db.Incidents.Count(i => i.ConversationId == c.Id) })
            .SingleAsync());
        Assert.Equal(Kalm.Shield.Severity.None, stored.HighestSeverity);
        Assert.Equal(ConversationPriority.Urgent, stored.Priority);
        Assert.Equal(1, stored.Care);
        Assert.Equal(0, stored.Incidents);

        var alerted = false;
        while (await next)
        {
            if (changes.Current.ConversationId == conversationId && changes.Current.Kind == ConversationEventKind.CareNeeded)
            {
                alerted = true;
                break;
            }

            next = changes.MoveNextAsync();
        }

        Assert.True(alerted, "supervisors' screens get a care alert");
        await changes.DisposeAsync();

        using var supervisor = await desk.CreateSignedInClientAsync();
        var conduct = await supervisor.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{stored.CustomerId}/conduct");
        Assert.Equal("none", conduct.GetProperty("level").GetString());
        Assert.Equal(0, conduct.GetProperty("windows").EnumerateArray().First().GetProperty("hostileMessages").GetInt32());
        await using var scope = desk.Services.CreateAsyncScope();
        var line = await scope.ServiceProvider.GetRequiredService<CareRoute>().LineForCustomerAsync(stored.CustomerId, default);
        Assert.Equal("1813", line.Phone);
    }

    [Fact]
    public async Task A_block_does_not_keep_a_customer_in_crisis_from_the_queues()
    {
        var email = $"geblokkeerd-{Guid.NewGuid():N}@example.nl";
        using var ingest = desk.CreateIngestClient();
        var first = await ingest.PostAsJsonAsync("/api/v1/inbound", new { channel = "email", externalId = Guid.NewGuid().ToString(), from = new { email }, text = "Vuile kankerlijer." });
        var conversationId = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("conversationId").GetGuid();
        var customerId = await desk.WithDatabaseAsync(db => db.Conversations.Where(c => c.Id == conversationId).Select(c => c.CustomerId).SingleAsync());
        using var supervisor = await desk.CreateSignedInClientAsync();
        (await supervisor.PostAsJsonAsync($"/api/v1/customers/{customerId}/conduct/changes", new { kind = "blocked", reason = "Blijft schelden." })).EnsureSuccessStatusCode();

        var crisis = await ingest.PostAsJsonAsync("/api/v1/inbound", new { channel = "chat", externalId = Guid.NewGuid().ToString(), from = new { email }, text = "Ik wil niet meer leven." });

        var body = await crisis.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(body.GetProperty("blocked").GetBoolean());
        var status = await desk.WithDatabaseAsync(db => db.Conversations.Where(c => c.Id == body.GetProperty("conversationId").GetGuid()).Select(c => c.Status).SingleAsync());
        Assert.Equal(ConversationStatus.New, status);
        var held = await ingest.PostAsJsonAsync("/api/v1/inbound", new { channel = "whatsapp", externalId = Guid.NewGuid().ToString(), from = new { email }, text = "Waar blijft mijn geld?" });
        Assert.True((await held.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("blocked").GetBoolean());
    }
}

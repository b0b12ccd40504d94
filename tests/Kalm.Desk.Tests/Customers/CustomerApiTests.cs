using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kalm.Desk.Tests.Infrastructure;

namespace Kalm.Desk.Tests.Customers;

public sealed class CustomerApiTests_Sqlite(SqliteDesk desk) : CustomerApiTests<SqliteDesk>(desk);

public sealed class CustomerApiTests_Postgres(PostgresDesk desk) : CustomerApiTests<PostgresDesk>(desk);

/// <summary>One person across channels: search, update and merging duplicates.</summary>
public abstract class CustomerApiTests<TDesk>(TDesk desk) : IClassFixture<TDesk>
    where TDesk : DeskFactory
{
    private async Task<(Guid Customer, Guid Conversation)> IngestAsync(string channel, string? email = null, string? phone = null, string name = "Sanne Bakker")
    {
        using var client = desk.CreateIngestClient();
        var response = await client.PostAsJsonAsync("/api/v1/inbound", new
        {
            channel,
            externalId = Guid.NewGuid().ToString(),
            from = new { name, email, phone },
            text = "Ik heb een vraag over mijn abonnement.",
        });
        var conversationId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("conversationId").GetGuid();
        var customerId = await desk.WithDatabaseAsync(db => Task.FromResult(db.Conversations.Single(c => c.Id == conversationId).CustomerId));
        return (customerId, conversationId);
    }

    [Fact]
    public async Task Merging_moves_identities_and_conversations_to_the_survivor()
    {
        var email = $"sanne-{Guid.NewGuid():N}@example.nl";
        var phone = "06" + Random.Shared.Next(10_000_000, 99_999_999);
        var (byMail, mailConversation) = await IngestAsync("email", email: email);
        var (byPhone, phoneConversation) = await IngestAsync("whatsapp", phone: phone);
        Assert.NotEqual(byMail, byPhone);
        using var client = await desk.CreateSignedInClientAsync();

        var merged = await client.PostAsJsonAsync($"/api/v1/customers/{byPhone}/merge", new { intoId = byMail });

        Assert.Equal(HttpStatusCode.OK, merged.StatusCode);
        var card = await client.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{byMail}");
        var identities = card.GetProperty("customer").GetProperty("identities").EnumerateArray().Select(i => i.GetProperty("value").GetString()).ToList();
        Assert.Contains(email, identities);
        Assert.Contains("+31" + phone[1..], identities);
        Assert.Equal(
            new[] { mailConversation, phoneConversation }.Order(),
            card.GetProperty("conversations").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).Order());
        var old = await client.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{byPhone}");
        Assert.Equal(byMail, old.GetProperty("mergedIntoId").GetGuid());

        var (again, _) = await IngestAsync("whatsapp", phone: phone);
        Assert.Equal(byMail, again);
    }

    [Fact]
    public async Task Search_finds_by_identity_and_update_changes_name_and_notes()
    {
        var email = $"zoek-{Guid.NewGuid():N}@example.nl";
        var (customer, _) = await IngestAsync("email", email: email, name: "Zoeker");
        using var client = await desk.CreateSignedInClientAsync();

        var found = await client.GetFromJsonAsync<JsonElement>($"/api/v1/customers?q={email[..12].ToUpperInvariant()}");
        Assert.Contains(found.EnumerateArray(), c => c.GetProperty("id").GetGuid() == customer);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PatchAsJsonAsync($"/api/v1/customers/{customer}", new { name = "Z. de Zoeker", notes = "Belt liever na 17 uur." })).StatusCode);
        var card = await client.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{customer}");
        Assert.Equal("Z. de Zoeker", card.GetProperty("customer").GetProperty("name").GetString());
        Assert.Equal("Belt liever na 17 uur.", card.GetProperty("notes").GetString());

        await ProblemAssert.IsProblemAsync(await client.GetAsync($"/api/v1/customers/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync($"/api/v1/customers/{customer}/merge", new { intoId = customer }), HttpStatusCode.BadRequest);
    }
}

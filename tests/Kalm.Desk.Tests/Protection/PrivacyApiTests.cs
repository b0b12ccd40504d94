using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kalm.Desk.Domain;
using Kalm.Desk.Tests.Infrastructure;

namespace Kalm.Desk.Tests.Protection;

public sealed class PrivacyApiTests_Sqlite(SqliteDesk desk) : PrivacyApiTests<SqliteDesk>(desk);

public sealed class PrivacyApiTests_Postgres(PostgresDesk desk) : PrivacyApiTests<PostgresDesk>(desk);

/// <summary>The privacy check on replies, and the personal data it checks for.</summary>
public abstract class PrivacyApiTests<TDesk>(TDesk desk) : IClassFixture<TDesk>
    where TDesk : DeskFactory
{
    private async Task<(Guid ConversationId, string Email)> SendAsync(string text, string? phone = null)
    {
        var email = $"privacy-{Guid.NewGuid():N}@example.nl";
        using var ingest = desk.CreateIngestClient();
        var response = await ingest.PostAsJsonAsync("/api/v1/inbound", new { channel = "email", externalId = Guid.NewGuid().ToString(), from = new { email, phone }, text });
        response.EnsureSuccessStatusCode();
        return ((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("conversationId").GetGuid(), email);
    }

    private async Task<HttpClient> AgentWithPrivacyAsync()
    {
        var user = await desk.CreateUserAsync(Roles.Supervisor);
        var client = await desk.CreateSignedInClientAsync(user.Email!);
        var saved = await client.PutAsJsonAsync("/api/v1/agents/me/privacy", new { surname = "Bakker", phone = "06 11 22 33 44", homeTown = "Zwolle", shareKudos = false });
        saved.EnsureSuccessStatusCode();
        Assert.Equal("+31611223344", (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("phone").GetString());
        return client;
    }

    private static async Task<List<(string Kind, string Text)>> FindingsAsync(HttpResponseMessage response)
    {
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        return [.. problem.GetProperty("findings").EnumerateArray().Select(f => (f.GetProperty("kind").GetString()!, f.GetProperty("text").GetString()!))];
    }

    [Fact]
    public async Task A_reply_with_the_agents_personal_data_is_refused_until_the_agent_confirms()
    {
        var (conversationId, _) = await SendAsync("Wanneer komt de monteur?");
        using var agent = await AgentWithPrivacyAsync();
        var url = $"/api/v1/conversations/{conversationId}/reply";
        const string text = "De monteur komt morgen. Groet, Sanne Bakker (bel 06-11223344 als het niet lukt), vanuit Zwolle.";

        var refused = await agent.PostAsJsonAsync(url, new { text });

        Assert.Equal([("surname", "Bakker"), ("home_town", "Zwolle"), ("private_phone", "06-11223344")], await FindingsAsync(refused));
        var sent = await agent.PostAsJsonAsync(url, new { text, confirmPrivacy = true });
        sent.EnsureSuccessStatusCode();
        var detail = await agent.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{conversationId}");
        var reply = detail.GetProperty("messages").EnumerateArray().Single(m => m.GetProperty("direction").GetString() == "outbound");
        Assert.Equal("Alias Supervisor", reply.GetProperty("authorName").GetString());
        var clean = await agent.PostAsJsonAsync(url, new { text = "De monteur komt morgen tussen 8 en 12 uur." });
        clean.EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task A_reply_with_another_customers_phone_or_email_is_refused_but_the_own_customers_is_fine()
    {
        var (_, otherEmail) = await SendAsync("Mijn factuur klopt niet.", phone: "+31 6 98765432");
        var (conversationId, ownEmail) = await SendAsync("Mijn pakket is niet aangekomen.");
        using var agent = await AgentWithPrivacyAsync();
        var url = $"/api/v1/conversations/{conversationId}/reply";

        var refused = await agent.PostAsJsonAsync(url, new { text = $"Ik heb het doorgestuurd naar {otherEmail.ToUpperInvariant()} en gebeld met 06-98765432." });

        Assert.Equal([("other_customer_phone", "06-98765432"), ("other_customer_email", otherEmail.ToUpperInvariant())], await FindingsAsync(refused));
        (await agent.PostAsJsonAsync(url, new { text = $"We mailen de bevestiging naar {ownEmail}." })).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task Admins_set_an_agents_personal_data_and_others_cannot()
    {
        var agentUser = await desk.CreateUserAsync(Roles.Agent);
        using var admin = await desk.CreateSignedInClientAsync();
        using var agent = await desk.CreateSignedInClientAsync(agentUser.Email!);

        (await admin.PutAsJsonAsync($"/api/v1/agents/{agentUser.Id}/privacy", new { surname = "Yılmaz", homeTown = "Gent", shareKudos = true })).EnsureSuccessStatusCode();

        var mine = await agent.GetFromJsonAsync<JsonElement>("/api/v1/agents/me/privacy");
        Assert.Equal("Yılmaz", mine.GetProperty("surname").GetString());
        Assert.True(mine.GetProperty("shareKudos").GetBoolean());
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PutAsJsonAsync($"/api/v1/agents/{agentUser.Id}/privacy", new { surname = "x" })).StatusCode);
        await ProblemAssert.IsProblemAsync(await agent.PutAsJsonAsync("/api/v1/agents/me/privacy", new { phone = "bel me maar" }), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await admin.PutAsJsonAsync("/api/v1/agents/nobody/privacy", new { surname = "x" }), HttpStatusCode.NotFound);
    }
}

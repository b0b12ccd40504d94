using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Kalm.Desk.Domain;
using Kalm.Desk.Tests.Infrastructure;
using Kalm.Shield;
using Microsoft.EntityFrameworkCore;

namespace Kalm.Desk.Tests.Ingest;

public sealed class IngestTests_Sqlite(SqliteDesk desk) : IngestTests<SqliteDesk>(desk);

public sealed class IngestTests_Postgres(PostgresDesk desk) : IngestTests<PostgresDesk>(desk);

/// <summary>POST /api/v1/inbound: storing, analysing, deduplicating and threading customer messages.</summary>
public abstract class IngestTests<TDesk>(TDesk desk) : IClassFixture<TDesk>
    where TDesk : DeskFactory
{
    private readonly HttpClient _client = desk.CreateIngestClient();

    private static object Inbound(string externalId, string text, string channel = "email", string? email = null, string? phone = null) => new
    {
        channel,
        externalId,
        from = new { name = "Jan de Vries", email, phone },
        subject = "Mijn bestelling",
        text,
    };

    private static string NewEmail() => $"klant-{Guid.NewGuid():N}@example.nl";

    [Fact]
    public async Task Inbound_message_is_stored_with_its_analysis_and_a_new_customer()
    {
        var email = NewEmail();
        var response = await _client.PostAsJsonAsync("/api/v1/inbound", Inbound("m-1-" + email, "Kankerlijers, waar blijft mijn pakket 4821?", email: email.ToUpperInvariant()));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var messageId = body.GetProperty("messageId").GetGuid();
        Assert.Equal("abusive", body.GetProperty("analysis").GetProperty("severity").GetString());
        Assert.Contains("disease_curse", body.GetProperty("analysis").GetProperty("categories").EnumerateArray().Select(c => c.GetString()));

        var stored = await desk.WithDatabaseAsync(db => db.Messages.Include(m => m.Conversation!).ThenInclude(c => c.Customer!).ThenInclude(c => c.Identities)
            .SingleAsync(m => m.Id == messageId));
        Assert.Equal(body.GetProperty("conversationId").GetGuid(), stored.ConversationId);
        Assert.Equal(MessageDirection.Inbound, stored.Direction);
        Assert.Equal(Severity.Abusive, stored.Severity);
        Assert.Contains("pakket 4821", stored.MaskedText);
        Assert.DoesNotContain("Kankerlijers", stored.MaskedText);
        Assert.Equal(Severity.Abusive, stored.Conversation!.HighestSeverity);
        Assert.Equal("Jan de Vries", stored.Conversation.Customer!.Name);
        Assert.Contains(stored.Conversation.Customer.Identities, i => i.Kind == IdentityKind.Email && i.Value == email);
    }

    [Fact]
    public async Task Polite_message_is_severity_none()
    {
        var response = await _client.PostAsJsonAsync("/api/v1/inbound", Inbound("polite-" + Guid.NewGuid(), "Goedemiddag, wanneer wordt mijn pakket bezorgd? Alvast bedankt.", email: NewEmail()));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("none", body.GetProperty("analysis").GetProperty("severity").GetString());
    }

    [Fact]
    public async Task Same_external_id_again_returns_200_with_the_same_ids_and_stores_nothing_twice()
    {
        var request = Inbound("dup-" + Guid.NewGuid(), "Waar blijft mijn factuur?", email: NewEmail());

        var first = await _client.PostAsJsonAsync("/api/v1/inbound", request);
        var second = await _client.PostAsJsonAsync("/api/v1/inbound", request);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var a = await first.Content.ReadFromJsonAsync<JsonElement>();
        var b = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(a.GetProperty("messageId").GetGuid(), b.GetProperty("messageId").GetGuid());
        Assert.Equal(a.GetProperty("conversationId").GetGuid(), b.GetProperty("conversationId").GetGuid());
        var conversationId = a.GetProperty("conversationId").GetGuid();
        Assert.Equal(1, await desk.WithDatabaseAsync(db => db.Messages.CountAsync(m => m.ConversationId == conversationId)));
    }

    [Fact]
    public async Task Concurrent_retries_of_one_message_store_it_once()
    {
        var externalId = "race-" + Guid.NewGuid();
        var email = NewEmail();

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(async _ =>
        {
            using var client = desk.CreateIngestClient();
            return await client.PostAsJsonAsync("/api/v1/inbound", Inbound(externalId, "Ik wacht al drie weken op mijn retour.", email: email));
        }));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"unexpected {r.StatusCode}"));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadFromJsonAsync<JsonElement>()));
        Assert.Single(bodies.Select(b => b.GetProperty("messageId").GetGuid()).Distinct());
        Assert.Equal(1, await desk.WithDatabaseAsync(db => db.Messages.CountAsync(m => m.ChannelMessageId == externalId)));
        Assert.Equal(1, await desk.WithDatabaseAsync(db => db.CustomerIdentities.CountAsync(i => i.Value == email)));
    }

    [Fact]
    public async Task Messages_thread_per_customer_and_channel_and_a_resolved_conversation_is_not_reopened()
    {
        var email = NewEmail();
        async Task<Guid> Post(string channel) =>
            (await (await _client.PostAsJsonAsync("/api/v1/inbound", Inbound(Guid.NewGuid().ToString(), "Nog een vraag over mijn contract.", channel, email)))
                .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("conversationId").GetGuid();

        var first = await Post("email");
        var sameChannel = await Post("email");
        var otherChannel = await Post("chat");
        Assert.Equal(first, sameChannel);
        Assert.NotEqual(first, otherChannel);

        await desk.WithDatabaseAsync(async db =>
        {
            var conversation = await db.Conversations.SingleAsync(c => c.Id == first);
            conversation.Status = ConversationStatus.Resolved;
            return await db.SaveChangesAsync();
        });
        var afterResolve = await Post("email");
        Assert.NotEqual(first, afterResolve);

        var customers = await desk.WithDatabaseAsync(db => db.Conversations.Where(c => c.Id == first || c.Id == otherChannel || c.Id == afterResolve)
            .Select(c => c.CustomerId).Distinct().CountAsync());
        Assert.Equal(1, customers);
    }

    [Fact]
    public async Task Dutch_mobile_number_is_stored_in_E164()
    {
        var local = "06" + Random.Shared.Next(10_000_000, 99_999_999);
        var response = await _client.PostAsJsonAsync("/api/v1/inbound", Inbound("tel-" + local, "Bel me even terug a.u.b.", "phone", phone: local));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var expected = "+31" + local[1..];
        Assert.Equal(1, await desk.WithDatabaseAsync(db => db.CustomerIdentities.CountAsync(i => i.Kind == IdentityKind.Phone && i.Value == expected)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-the-key-0123456789")]
    public async Task Ingest_without_a_valid_key_is_401(string? key)
    {
        using var client = desk.CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        var response = await client.PostAsJsonAsync("/api/v1/inbound", Inbound("x", "hallo", email: NewEmail()));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Revoked_key_is_refused()
    {
        var secret = await desk.WithDatabaseAsync(async db =>
        {
            db.ApiKeys.Add(ApiKey.Create("to revoke", desk.Clock.GetUtcNow(), out var issued));
            await db.SaveChangesAsync();
            return issued;
        });

        using var client = desk.CreateIngestClient(secret);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/v1/inbound", Inbound("rk-" + Guid.NewGuid(), "hallo", email: NewEmail()))).StatusCode);

        await desk.WithDatabaseAsync(async db =>
        {
            foreach (var key in await db.ApiKeys.Where(k => k.Name == "to revoke").ToListAsync())
            {
                key.RevokedAt = desk.Clock.GetUtcNow();
            }

            return await db.SaveChangesAsync();
        });

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/v1/inbound", Inbound("rk-" + Guid.NewGuid(), "hallo", email: NewEmail()))).StatusCode);
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem()
    {
        var response = await _client.PostAsync("/api/v1/inbound", new StringContent("{\"channel\": \"email\", \"text\": ", Encoding.UTF8, "application/json"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Unknown_channel_is_a_400_problem()
    {
        var response = await _client.PostAsJsonAsync("/api/v1/inbound", Inbound("c-" + Guid.NewGuid(), "hallo", "telegraph", NewEmail()));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("telegraph", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Message_without_an_identity_is_a_400_problem()
    {
        var response = await _client.PostAsJsonAsync("/api/v1/inbound", Inbound("n-" + Guid.NewGuid(), "hallo"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Text_over_the_limit_is_a_413_problem_and_nothing_is_stored()
    {
        var externalId = "big-" + Guid.NewGuid();
        var response = await _client.PostAsJsonAsync("/api/v1/inbound", Inbound(externalId, new string('a', 101 * 1024), email: NewEmail()));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(0, await desk.WithDatabaseAsync(db => db.Messages.CountAsync(m => m.ChannelMessageId == externalId)));
    }

    [Fact]
    public async Task Body_far_over_the_limit_is_refused_before_it_is_read()
    {
        var huge = new StringContent("{\"text\":\"" + new string('x', 2 * 1024 * 1024) + "\"}", Encoding.UTF8, "application/json");

        var response = await _client.PostAsync("/api/v1/inbound", huge);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kalm.Desk.Domain;
using Kalm.Desk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kalm.Desk.Tests.Protection;

public sealed class ProtectionApiTests_Sqlite(SqliteDesk desk) : ProtectionApiTests<SqliteDesk>(desk);

public sealed class ProtectionApiTests_Postgres(PostgresDesk desk) : ProtectionApiTests<PostgresDesk>(desk);

/// <summary>Conduct records built from Shield's analyses, supervisors' audited changes, and the incident registry.</summary>
public abstract class ProtectionApiTests<TDesk>(TDesk desk) : IClassFixture<TDesk>
    where TDesk : DeskFactory
{
    private readonly List<string> _categoriesSent = [];

    private async Task<(Guid ConversationId, Guid MessageId, Guid CustomerId)> SendAsync(string email, string text, string channel = "email")
    {
        using var ingest = desk.CreateIngestClient();
        var response = await ingest.PostAsJsonAsync("/api/v1/inbound", new { channel, externalId = Guid.NewGuid().ToString(), from = new { email }, text });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        _categoriesSent.AddRange(body.GetProperty("analysis").GetProperty("categories").EnumerateArray().Select(c => c.GetString()!));
        var conversationId = body.GetProperty("conversationId").GetGuid();
        var customerId = await desk.WithDatabaseAsync(db => db.Conversations.Where(c => c.Id == conversationId).Select(c => c.CustomerId).SingleAsync());
        return (conversationId, body.GetProperty("messageId").GetGuid(), customerId);
    }

    private static string NewEmail() => $"klant-{Guid.NewGuid():N}@example.nl";

    [Fact]
    public async Task A_threat_is_stored_with_a_draft_incident_that_supervisors_see()
    {
        var (conversationId, messageId, customerId) = await SendAsync(NewEmail(), "Ik weet waar je woont. Ik wacht je op na je dienst.");
        using var supervisor = await desk.CreateSignedInClientAsync();

        var incidents = await supervisor.GetFromJsonAsync<JsonElement>("/api/v1/incidents");

        var draft = incidents.EnumerateArray().Single(i => i.GetProperty("conversationId").GetGuid() == conversationId);
        Assert.Equal("draft", draft.GetProperty("status").GetString());
        Assert.True(draft.GetProperty("automatic").GetBoolean());
        Assert.Equal("threat", draft.GetProperty("severity").GetString());
        Assert.Contains("threat", draft.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("Ik weet waar je woont. Ik wacht je op na je dienst.", draft.GetProperty("quotedText").GetString());
        Assert.Equal(customerId, draft.GetProperty("customerId").GetGuid());
        var drafted = await desk.WithDatabaseAsync(db => db.ConversationEvents.CountAsync(e => e.ConversationId == conversationId && e.Kind == ConversationEventKind.IncidentDrafted));
        Assert.Equal(1, drafted);

        var conduct = await supervisor.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{customerId}/conduct");
        Assert.Equal("dangerous", conduct.GetProperty("level").GetString());
        Assert.NotEqual(Guid.Empty, messageId);
    }

    [Fact]
    public async Task Agent_completes_the_draft_and_registers_incidents_prefilled_by_shield()
    {
        var email = NewEmail();
        var (threatConversation, threatMessage, _) = await SendAsync(email, "Ik kom met een knuppel langs als dit niet opgelost wordt.");
        var (_, abuseMessage, customerId) = await SendAsync(email, "Vuile kankerlijer, geef me gewoon mijn geld terug.", channel: "chat");
        using var agent = await desk.CreateSignedInClientAsync();

        var completed = await agent.PostAsJsonAsync("/api/v1/incidents", new { messageId = threatMessage, description = "Klant dreigde langs te komen.", conversationEnded = true, policeReportNeeded = true });
        var registered = await agent.PostAsJsonAsync("/api/v1/incidents", new { messageId = abuseMessage, wantsFollowUpTalk = true });

        completed.EnsureSuccessStatusCode();
        registered.EnsureSuccessStatusCode();
        var incidents = await desk.WithDatabaseAsync(db => db.Incidents.Where(i => i.CustomerId == customerId).OrderBy(i => i.OccurredAt).ToListAsync());
        Assert.Equal(2, incidents.Count);
        Assert.All(incidents, i => Assert.Equal(Kalm.Desk.Protection.IncidentStatus.Registered, i.Status));
        Assert.True(incidents[0].Automatic, "the draft was completed, not duplicated");
        Assert.Equal(threatConversation, incidents[0].ConversationId);
        Assert.True(incidents[0].PoliceReportNeeded && incidents[0].ConversationEnded);
        Assert.Equal("Klant dreigde langs te komen.", incidents[0].Description);
        Assert.Equal(Channel.Chat, incidents[1].Channel);
        Assert.NotEmpty(incidents[1].Categories);
        Assert.Equal(Kalm.Shield.Severity.Abusive, incidents[1].Severity);
        Assert.Equal("Vuile kankerlijer, geef me gewoon mijn geld terug.", incidents[1].QuotedText);
        Assert.True(incidents[1].WantsFollowUpTalk);
    }

    [Fact]
    public async Task Registering_needs_a_message_or_conversation_the_agent_can_see()
    {
        using var agent = await desk.CreateSignedInClientAsync();

        var nothing = await agent.PostAsJsonAsync("/api/v1/incidents", new { description = "x" });
        var unknown = await agent.PostAsJsonAsync("/api/v1/incidents", new { messageId = Guid.NewGuid() });

        await ProblemAssert.IsProblemAsync(nothing, HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Abuse_counts_per_category_and_two_abusive_messages_make_a_hostile_customer()
    {
        var email = NewEmail();
        await SendAsync(email, "Wat een klote service.");
        await SendAsync(email, "Jij bent een ongelofelijke idioot.", channel: "chat");
        var (conversationId, _, customerId) = await SendAsync(email, "Tyfuslijer, los het op!", channel: "whatsapp");
        using var agent = await desk.CreateSignedInClientAsync();

        var conduct = await agent.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{customerId}/conduct?excludingConversation={conversationId}");

        Assert.Equal("hostile", conduct.GetProperty("level").GetString());
        Assert.Equal(2, conduct.GetProperty("earlierHostile").GetInt32());
        var month = conduct.GetProperty("windows").EnumerateArray().First();
        Assert.Equal(30, month.GetProperty("days").GetInt32());
        Assert.Equal(3, month.GetProperty("hostileMessages").GetInt32());
        // Every message here is rude or worse, so each of its categories counts; welfare and kudos signals do not.
        var expected = _categoriesSent.Where(c => c is not ("compliment" or "self_harm")).GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
        var counted = month.GetProperty("categories").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        Assert.NotEmpty(counted);
        Assert.Equal(expected.OrderBy(e => e.Key), counted.OrderBy(e => e.Key));
    }

    [Fact]
    public async Task A_supervisor_lowers_the_level_with_a_reason_until_the_customer_is_hostile_again()
    {
        var email = NewEmail();
        await SendAsync(email, "Jij bent een ongelofelijke idioot.");
        var (_, _, customerId) = await SendAsync(email, "Stelletje kankerlijers.", channel: "chat");
        var supervisorUser = await desk.CreateUserAsync(Roles.Supervisor);
        using var supervisor = await desk.CreateSignedInClientAsync(supervisorUser.Email!);
        var agentUser = await desk.CreateUserAsync(Roles.Agent);
        using var agent = await desk.CreateSignedInClientAsync(agentUser.Email!);
        var url = $"/api/v1/customers/{customerId}/conduct/changes";

        var byAgent = await agent.PostAsJsonAsync(url, new { kind = "level_lowered", level = "caution", reason = "Excuses gemaakt." });
        var withoutReason = await supervisor.PostAsJsonAsync(url, new { kind = "level_lowered", level = "caution", reason = " " });
        var raising = await supervisor.PostAsJsonAsync(url, new { kind = "level_lowered", level = "dangerous", reason = "Hoger" });
        desk.Clock.Advance(TimeSpan.FromMinutes(5));
        var lowered = await supervisor.PostAsJsonAsync(url, new { kind = "level_lowered", level = "caution", reason = "Klant belde om excuses te maken; overleg met teamleider." });

        Assert.Equal(HttpStatusCode.Forbidden, byAgent.StatusCode);
        await ProblemAssert.IsProblemAsync(withoutReason, HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(raising, HttpStatusCode.BadRequest);
        lowered.EnsureSuccessStatusCode();
        var record = await lowered.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("caution", record.GetProperty("level").GetString());
        Assert.Equal("hostile", record.GetProperty("ruleLevel").GetString());
        var change = record.GetProperty("changes").EnumerateArray().Single();
        Assert.Equal("Klant belde om excuses te maken; overleg met teamleider.", change.GetProperty("reason").GetString());
        Assert.Equal(supervisorUser.DisplayName, change.GetProperty("byName").GetString());

        desk.Clock.Advance(TimeSpan.FromMinutes(5));
        await SendAsync(email, "Jullie zijn allemaal tyfuslijers.", channel: "whatsapp");
        var again = await agent.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{customerId}/conduct");
        Assert.Equal("hostile", again.GetProperty("level").GetString());
    }

    [Fact]
    public async Task A_blocked_customers_messages_are_stored_but_kept_out_of_the_queues_until_the_block_ends()
    {
        var email = NewEmail();
        var (_, _, customerId) = await SendAsync(email, "Vuile kankerlijer.");
        using var supervisor = await desk.CreateSignedInClientAsync();
        var url = $"/api/v1/customers/{customerId}/conduct/changes";
        (await supervisor.PostAsJsonAsync(url, new { kind = "blocked", reason = "Herhaaldelijk schelden na waarschuwing.", days = 7 })).EnsureSuccessStatusCode();

        using var ingest = desk.CreateIngestClient();
        var held = await ingest.PostAsJsonAsync("/api/v1/inbound", new { channel = "chat", externalId = Guid.NewGuid().ToString(), from = new { email }, text = "Waarom antwoordt niemand?" });

        held.EnsureSuccessStatusCode();
        var body = await held.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("blocked").GetBoolean());
        Assert.Contains("niet in behandeling", body.GetProperty("notice").GetString(), StringComparison.Ordinal);
        var conversationId = body.GetProperty("conversationId").GetGuid();
        var stored = await desk.WithDatabaseAsync(db => db.Conversations.Where(c => c.Id == conversationId)
            .Select(c => new { c.Status, Messages = c.Messages.Count, Held = c.Events.Count(e => e.Kind == ConversationEventKind.HeldFromQueues) }).SingleAsync());
        Assert.Equal(ConversationStatus.Closed, stored.Status);
        Assert.Equal(1, stored.Messages);
        Assert.Equal(1, stored.Held);
        var unassigned = await supervisor.GetFromJsonAsync<JsonElement>($"/api/v1/conversations?status=open&customer={customerId}");
        Assert.Equal(0, unassigned.GetProperty("total").GetInt32());

        desk.Clock.Advance(TimeSpan.FromDays(8));
        var after = await ingest.PostAsJsonAsync("/api/v1/inbound", new { channel = "chat", externalId = Guid.NewGuid().ToString(), from = new { email }, text = "Ik wil graag mijn factuur bespreken." });
        Assert.False((await after.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("blocked").GetBoolean());
    }

    [Fact]
    public async Task A_restricted_customer_goes_to_the_named_team_and_a_lift_is_audited()
    {
        var email = NewEmail();
        var (_, _, customerId) = await SendAsync(email, "Jij bent een ongelofelijke idioot.");
        using var supervisor = await desk.CreateSignedInClientAsync();
        var general = await supervisor.PostAsJsonAsync("/api/v1/teams", new { name = "Algemeen " + Guid.NewGuid().ToString("N")[..6], sortOrder = -10, channels = new[] { "email", "chat", "whatsapp" } });
        var generalId = (await general.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var team = await supervisor.PostAsJsonAsync("/api/v1/teams", new { name = "Senioren " + Guid.NewGuid().ToString("N")[..6], sortOrder = 99, channels = new[] { "email" } });
        var teamId = (await team.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var url = $"/api/v1/customers/{customerId}/conduct/changes";

        await ProblemAssert.IsProblemAsync(await supervisor.PostAsJsonAsync(url, new { kind = "restricted", reason = "Alleen senioren." }), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await supervisor.PostAsJsonAsync(url, new { kind = "lifted", reason = "Niets om op te heffen." }), HttpStatusCode.Conflict);
        (await supervisor.PostAsJsonAsync(url, new { kind = "restricted", reason = "Alleen senioren.", teamId })).EnsureSuccessStatusCode();
        var (restrictedConversation, _, _) = await SendAsync(email, "Nieuwe vraag over mijn abonnement.", channel: "whatsapp");

        var team1 = await desk.WithDatabaseAsync(db => db.Conversations.Where(c => c.Id == restrictedConversation).Select(c => c.TeamId).SingleAsync());
        Assert.Equal(teamId, team1);

        var lifted = await supervisor.PostAsJsonAsync(url, new { kind = "lifted", reason = "Gesprek gehad, klant is weer welkom." });
        lifted.EnsureSuccessStatusCode();
        var record = await lifted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Null, record.GetProperty("measure").ValueKind);
        Assert.Equal(new[] { "lifted", "restricted" }, record.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("kind").GetString()!).ToArray());
        var (afterLift, _, _) = await SendAsync(email, "En nog een vraag.", channel: "chat");
        Assert.Equal(generalId, await desk.WithDatabaseAsync(db => db.Conversations.Where(c => c.Id == afterLift).Select(c => c.TeamId).SingleAsync()));
    }

    [Fact]
    public async Task Conversation_lists_preview_the_latest_customer_message_masked()
    {
        var email = NewEmail();
        var (conversationId, messageId, customerId) = await SendAsync(email, "Kankerlijer, waar blijft mijn pakket 4821?");
        var masked = await desk.WithDatabaseAsync(db => db.Messages.Where(m => m.Id == messageId).Select(m => m.MaskedText).SingleAsync());
        using var agent = await desk.CreateSignedInClientAsync();

        var page = await agent.GetFromJsonAsync<JsonElement>($"/api/v1/conversations?customer={customerId}");

        var preview = page.GetProperty("items").EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == conversationId).GetProperty("preview").GetString();
        Assert.NotNull(masked);
        Assert.Equal(masked, preview);
        Assert.Contains("4821", preview, StringComparison.Ordinal);
    }
}

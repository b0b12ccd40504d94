using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kalm.Desk.Domain;
using Kalm.Shield;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Kalm.Desk.Tests.Workspace;

/// <summary>Conduct records and incidents in the workspace, in a real Chromium against the demo organisation.</summary>
public sealed class ProtectionBrowserTests(BrowserDesk desk) : IClassFixture<BrowserDesk>
{
    [Fact]
    public async Task The_next_agent_reads_that_it_is_not_about_them_and_sees_the_conduct_level()
    {
        // A customer with hostile messages in more than one conversation: the demo's Kevin.
        var conversationId = await desk.WithDatabaseAsync(db => db.Conversations
            .Where(c => c.Customer!.Conversations.Count(o => o.HighestSeverity >= Severity.Rude) >= 2 && c.Team!.Name == "Klantenservice")
            .OrderByDescending(c => c.LastMessageAt).Select(c => c.Id).FirstAsync());
        var page = await desk.SignInAsync("sem@kalm.example");

        await page.GotoAsync($"/conversations/{conversationId}");
        await BrowserDesk.WaitForInteractiveAsync(page);

        await Assertions.Expect(page.GetByTestId("not-about-you")).ToContainTextAsync(new Regex(@"Het ligt niet aan jou: deze klant was eerder \d+× grof tegen collega's"));
        await Assertions.Expect(page.GetByTestId("conduct-level")).ToHaveTextAsync(new Regex("Voorzichtig|Vijandige klant|Gevaarlijk"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Agent_registers_an_incident_in_one_click_and_the_supervisor_sees_it()
    {
        var conversationId = await desk.WithDatabaseAsync(db => db.Messages
            .Where(m => m.Direction == MessageDirection.Inbound && m.Severity == Severity.Abusive && m.Conversation!.Team!.Name == "Klantenservice")
            .OrderByDescending(m => m.SentAt).Select(m => m.ConversationId).FirstAsync());
        var agent = await desk.SignInAsync("anouk@kalm.example");
        await agent.GotoAsync($"/conversations/{conversationId}");
        await BrowserDesk.WaitForInteractiveAsync(agent);

        await agent.Locator("[data-testid=message][data-severity=abusive]").First.GetByTestId("register-incident").ClickAsync();
        var form = agent.GetByTestId("incident-form");
        await form.GetByLabel("Wat is er gebeurd?").FillAsync("Klant schold me uit en hing op.");
        await form.GetByText("Ik wil graag een nagesprek").ClickAsync();
        await form.GetByTestId("incident-save").ClickAsync();

        await Assertions.Expect(agent.GetByText("heeft een incident geregistreerd")).ToBeVisibleAsync();
        var incident = await desk.WithDatabaseAsync(db => db.Incidents.SingleAsync(i => i.ConversationId == conversationId && i.Description != null));
        Assert.Equal("Klant schold me uit en hing op.", incident.Description);
        Assert.True(incident.WantsFollowUpTalk);
        Assert.Equal(Kalm.Desk.Protection.IncidentStatus.Registered, incident.Status);
        Assert.Equal(Severity.Abusive, incident.Severity);
        Assert.False(string.IsNullOrEmpty(incident.QuotedText));

        var supervisor = await desk.SignInAsync("mark@kalm.example");
        await supervisor.GotoAsync("/supervisor");
        await Assertions.Expect(supervisor.GetByTestId("incident-row").Filter(new() { HasText = "Nagesprek" }).First).ToBeVisibleAsync();
        await agent.Context.CloseAsync();
        await supervisor.Context.CloseAsync();
    }

    [Fact]
    public async Task Supervisor_blocks_a_customer_with_a_reason_from_the_customer_card()
    {
        var (conversationId, customerId) = await desk.WithDatabaseAsync(async db => await db.Conversations
            .Where(c => c.HighestSeverity == Severity.Abusive && c.Customer!.Name != null)
            .OrderBy(c => c.CreatedAt).Select(c => new ValueTuple<Guid, Guid>(c.Id, c.CustomerId)).FirstAsync());
        var page = await desk.SignInAsync("esther@kalm.example");
        await page.GotoAsync($"/conversations/{conversationId}");
        await BrowserDesk.WaitForInteractiveAsync(page);

        await page.GetByLabel("Notitie of reden").FillAsync("Na twee waarschuwingen opnieuw gescholden.");
        await page.GetByTestId("conduct-block").ClickAsync();

        await Assertions.Expect(page.GetByTestId("conduct-measure")).ToContainTextAsync("Geblokkeerd");
        var change = await desk.WithDatabaseAsync(db => db.ConductChanges.SingleAsync(c => c.CustomerId == customerId && c.Kind == Kalm.Desk.Protection.ConductChangeKind.Blocked));
        Assert.Equal("Na twee waarschuwingen opnieuw gescholden.", change.Reason);
        Assert.Equal("Esther Smit", change.ByName);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Supervisor_sees_a_signal_on_the_trend_chart_and_marks_an_organisation_event()
    {
        var now = desk.Clock.GetUtcNow();
        await desk.WithDatabaseAsync(async db =>
        {
            // A queue-less conversation, so the other tests that pick demo conversations never pick it.
            var customer = new Customer { CreatedAt = now.AddDays(-80), UpdatedAt = now };
            var conversation = new Conversation { Channel = Channel.Email, CustomerId = customer.Id, Status = ConversationStatus.Closed, CreatedAt = now.AddDays(-80), LastMessageAt = now.AddDays(-80) };
            db.Customers.Add(customer);
            db.Conversations.Add(conversation);
            var sent = Enumerable.Range(1, 70).Select(day => now.AddDays(-day)).Concat(Enumerable.Repeat(now.AddMinutes(-30), 25));
            foreach (var at in sent)
            {
                db.Messages.Add(new Message { ConversationId = conversation.Id, Channel = Channel.Email, Direction = MessageDirection.Inbound, Text = "Stelletje idioten.", SentAt = at, CreatedAt = at, Severity = Severity.Abusive, Categories = ["insult"] });
            }

            return await db.SaveChangesAsync();
        });
        var page = await desk.SignInAsync("mark@kalm.example");
        await page.GotoAsync("/supervisor");
        await Assertions.Expect(page.GetByTestId("signal-banner").Filter(new() { HasText = "Alle wachtrijen" }).First).ToContainTextAsync(new Regex(@"Signaal · Alle wachtrijen: \d+ vijandige contacten vandaag, normaal"));

        await page.GetByTestId("trends-link").ClickAsync();
        await BrowserDesk.WaitForInteractiveAsync(page);

        var chart = page.GetByTestId("trend-chart");
        await Assertions.Expect(chart.Locator("svg").First).ToBeVisibleAsync();
        await Assertions.Expect(chart).ToContainTextAsync("Vijandige contacten");
        await Assertions.Expect(page.GetByTestId("trend-signal").Filter(new() { HasText = "Alle wachtrijen" }).First).ToBeVisibleAsync();
        await page.GetByLabel("Wat gebeurde er (mailing, prijswijziging, storing)").FillAsync("Mailing over de nieuwe tarieven");
        await page.GetByTestId("event-add").ClickAsync();

        await Assertions.Expect(page.GetByTestId("org-event").Filter(new() { HasText = "Mailing over de nieuwe tarieven" })).ToBeVisibleAsync();
        await Assertions.Expect(chart).ToContainTextAsync("▲");
        var stored = await desk.WithDatabaseAsync(db => db.OrganisationEvents.SingleAsync(e => e.Title == "Mailing over de nieuwe tarieven"));
        Assert.Equal("Mark de Boer", stored.CreatedByName);
        await BrowserDesk.ScreenshotAsync(page, "trends");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_rie_report_prints_without_the_workspace_around_it()
    {
        var today = DateOnly.FromDateTime(desk.Clock.GetUtcNow().UtcDateTime);
        var talks = await desk.WithDatabaseAsync(async db =>
        {
            var start = Kalm.Desk.Infrastructure.OrganisationClock.StartOf(today.AddDays(-29), await Kalm.Desk.Infrastructure.OrganisationClock.ZoneAsync(db, default));
            return await db.Incidents.CountAsync(i => i.WantsFollowUpTalk && i.OccurredAt >= start);
        });
        var page = await desk.SignInAsync("mark@kalm.example");
        await page.GotoAsync("/supervisor");
        await page.GetByTestId("report-link").ClickAsync();
        await BrowserDesk.WaitForInteractiveAsync(page);

        await page.GotoAsync($"/supervisor/report?from={today.AddDays(-29):yyyy-MM-dd}&to={today:yyyy-MM-dd}");

        await Assertions.Expect(page.GetByTestId("report-totals")).ToContainTextAsync("Nagesprek gewenst");
        await Assertions.Expect(page.GetByTestId("total-talks")).ToHaveTextAsync(talks.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.GetByTestId("report-csv")).ToHaveAttributeAsync("href", new Regex("export\\.csv\\?from="));
        await BrowserDesk.ScreenshotAsync(page, "rie-report");
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(page.Locator(".kalm-appbar")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByTestId("report-print")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByTestId("report-totals")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_customer_in_crisis_alerts_the_supervisor_and_shows_the_agent_the_care_protocol()
    {
        var supervisor = await desk.SignInAsync("mark@kalm.example");
        using var ingest = desk.CreateIngestClient();

        var response = await ingest.PostAsJsonAsync("/api/v1/inbound", new
        {
            channel = "email",
            externalId = Guid.NewGuid().ToString(),
            from = new { email = $"crisis-{Guid.NewGuid():N}@example.nl", name = "Klant In Nood" },
            subject = "Afsluiting",
            text = "Als jullie mijn uitkering niet uitbetalen maak ik er vanavond een einde aan.",
        });
        response.EnsureSuccessStatusCode();
        var conversationId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("conversationId").GetGuid();

        await Assertions.Expect(supervisor.Locator(".mud-snackbar")).ToContainTextAsync("brengt zichzelf mogelijk in gevaar");
        var agent = await desk.SignInAsync("anouk@kalm.example");
        await agent.GotoAsync($"/conversations/{conversationId}");
        await BrowserDesk.WaitForInteractiveAsync(agent);
        var protocol = agent.GetByTestId("care-protocol");
        await Assertions.Expect(protocol).ToContainTextAsync("113 Zelfmoordpreventie");
        await Assertions.Expect(protocol).ToContainTextAsync("0800-0113");
        await Assertions.Expect(agent.GetByText("zorgroute, leidinggevenden gewaarschuwd")).ToBeVisibleAsync();
        await Assertions.Expect(agent.GetByTestId("not-about-you")).ToHaveCountAsync(0);
        await supervisor.Context.CloseAsync();
        await agent.Context.CloseAsync();
    }

    [Fact]
    public async Task Agent_enters_her_surname_and_is_warned_before_a_reply_reveals_it()
    {
        var conversationId = await desk.WithDatabaseAsync(db => db.Conversations
            .Where(c => c.Team!.Name == "Klantenservice" && c.Status == ConversationStatus.Open)
            .OrderBy(c => c.CreatedAt).Select(c => c.Id).FirstAsync());
        var agent = await desk.SignInAsync("anouk@kalm.example");
        await agent.GetByTestId("user-menu").ClickAsync();
        await agent.GetByTestId("privacy-link").ClickAsync();
        await BrowserDesk.WaitForInteractiveAsync(agent);
        await agent.GetByLabel("Echte achternaam").FillAsync("de Vries");
        await agent.GetByTestId("privacy-save").ClickAsync();
        await Assertions.Expect(agent.Locator(".mud-snackbar")).ToContainTextAsync("Opgeslagen");

        await agent.GotoAsync($"/conversations/{conversationId}");
        await BrowserDesk.WaitForInteractiveAsync(agent);
        await agent.GetByTestId("composer").FillAsync("Dat zoek ik voor u uit.\nMet vriendelijke groet, Anouk de Vries");
        await agent.GetByTestId("send").ClickAsync();

        var warning = agent.GetByTestId("privacy-warning");
        await Assertions.Expect(warning).ToContainTextAsync("je achternaam");
        await Assertions.Expect(warning).ToContainTextAsync("de Vries");
        await BrowserDesk.ScreenshotAsync(agent, "privacy-warning");
        Assert.Equal(0, await desk.WithDatabaseAsync(db => db.Messages.CountAsync(m => m.ConversationId == conversationId && m.Text.Contains("Anouk de Vries"))));
        await warning.GetByTestId("privacy-confirm").ClickAsync();

        await Assertions.Expect(agent.GetByTestId("privacy-warning")).ToHaveCountAsync(0);
        await Assertions.Expect(agent.GetByTestId("composer")).ToHaveValueAsync(string.Empty);
        var sent = await desk.WithDatabaseAsync(db => db.Messages.SingleAsync(m => m.ConversationId == conversationId && m.Text.Contains("Anouk de Vries")));
        Assert.Equal(MessageDirection.Outbound, sent.Direction);
        Assert.Equal("Anouk", sent.AuthorName);
        await agent.Context.CloseAsync();
    }

    [Fact]
    public async Task An_agent_finds_the_compliments_of_her_conversations_on_the_inbox()
    {
        var kudo = await desk.WithDatabaseAsync(db => db.Messages
            .Where(m => m.Direction == MessageDirection.Inbound && m.Categories.Contains("compliment") && m.Conversation!.AssigneeId != null)
            .OrderByDescending(m => m.SentAt)
            .Select(m => new { m.Conversation!.Assignee!.Email, m.Text })
            .FirstAsync());
        var page = await desk.SignInAsync(kudo.Email!);

        var panel = page.GetByTestId("kudos");

        await Assertions.Expect(panel).ToContainTextAsync("Complimenten");
        await Assertions.Expect(panel.GetByTestId("kudo").First).ToContainTextAsync(string.Join(' ', kudo.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))[..40]);
        await page.Context.CloseAsync();
    }
}

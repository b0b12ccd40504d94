using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Kalm.Desk.Domain;
using Kalm.Shield;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Kalm.Desk.Tests.Workspace;

/// <summary>The agent workspace in a real Chromium against the demo organisation.</summary>
public sealed partial class WorkspaceBrowserTests(BrowserDesk desk) : IClassFixture<BrowserDesk>
{
    private const string Agent = "anouk@kalm.example";
    private const string OtherAgent = "sem@kalm.example";
    private const string Supervisor = "mark@kalm.example";

    [Fact]
    public async Task Wrong_password_stays_on_the_sign_in_page_with_a_dutch_message()
    {
        var context = await desk.Browser.NewContextAsync(new() { BaseURL = desk.BaseUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/login"));
        await BrowserDesk.ScreenshotAsync(page, "sign-in");

        await page.Locator("#email").FillAsync(Agent);
        await page.Locator("#password").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("horen niet bij elkaar");
        await context.CloseAsync();
    }

    [Fact]
    public async Task Hostile_message_is_masked_with_a_calm_line_and_the_reveal_is_logged()
    {
        var conversation = await HostileUnassignedConversationAsync();
        var page = await desk.SignInAsync(Agent);
        await page.GotoAsync("/?view=unassigned&severity=abusive");
        await Assertions.Expect(page.Locator("[data-testid=conversation-row][data-severity=threat]").First).ToBeVisibleAsync();
        await BrowserDesk.ScreenshotAsync(page, "inbox");

        await page.GotoAsync($"/conversations/{conversation.Id}");
        await BrowserDesk.WaitForInteractiveAsync(page);
        var message = page.Locator("[data-testid=message][data-direction=inbound]").First;
        await Assertions.Expect(message.GetByTestId("shield")).ToContainTextAsync("Deze boosheid gaat over de situatie, niet over jou.");
        await Assertions.Expect(message.GetByTestId("message-text")).ToHaveTextAsync(conversation.Masked);
        await Assertions.Expect(message.GetByTestId("alert-supervisor")).ToBeVisibleAsync();
        await BrowserDesk.ScreenshotAsync(page, "conversation-masked");

        await message.GetByTestId("reveal").ClickAsync();

        await Assertions.Expect(message.GetByTestId("message-text")).ToHaveTextAsync(conversation.Original);
        var reveals = await desk.WithDatabaseAsync(db => db.ConversationEvents
            .CountAsync(e => e.ConversationId == conversation.Id && e.Kind == ConversationEventKind.OriginalRevealed));
        Assert.Equal(1, reveals);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Agent_replies_with_a_template_filled_in_for_the_customer()
    {
        var (id, customerName) = await desk.WithDatabaseAsync(async db => await db.Conversations
            .Where(c => c.Team!.Name == "Klantenservice" && c.Status == ConversationStatus.Open && c.Customer!.Name != null && c.HighestSeverity < Severity.Abusive)
            .OrderBy(c => c.CreatedAt)
            .Select(c => new ValueTuple<Guid, string>(c.Id, c.Customer!.Name!))
            .FirstAsync());
        var page = await desk.SignInAsync(Agent);
        await page.GotoAsync($"/conversations/{id}");
        await BrowserDesk.WaitForInteractiveAsync(page);

        await page.GetByTestId("template").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "ik begrijp uw frustratie" }).ClickAsync();
        var composer = page.GetByTestId("composer");
        await Assertions.Expect(composer).ToHaveValueAsync(new Regex($"^Beste {Regex.Escape(customerName)},"));
        await Assertions.Expect(composer).ToHaveValueAsync(new Regex("Anouk$"));
        await page.GetByTestId("send").ClickAsync();

        var outbound = page.Locator("[data-testid=message][data-direction=outbound]").Last;
        await Assertions.Expect(outbound).ToContainTextAsync("Ik begrijp dat dit vervelend voor u is");
        await Assertions.Expect(composer).ToHaveValueAsync(string.Empty);
        var stored = await desk.WithDatabaseAsync(db => db.Messages.Where(m => m.ConversationId == id && m.Direction == MessageDirection.Outbound)
            .OrderByDescending(m => m.CreatedAt).Select(m => m.Text).FirstAsync());
        Assert.StartsWith($"Beste {customerName},", stored, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Second_transfer_shows_the_one_transfer_policy_and_a_warning()
    {
        var id = await desk.WithDatabaseAsync(db => db.Conversations
            .Where(c => c.TransferCount == 0 && c.Status == ConversationStatus.New)
            .OrderByDescending(c => c.CreatedAt).Select(c => c.Id).FirstAsync());
        var page = await desk.SignInAsync(Supervisor);
        await page.GotoAsync($"/conversations/{id}");
        await BrowserDesk.WaitForInteractiveAsync(page);

        await TransferAsync(page, "Facturatie");
        await Assertions.Expect(page.GetByTestId("transfer-count")).ToContainTextAsync("1×");
        await Assertions.Expect(page.GetByTestId("transfer-warning")).ToHaveCountAsync(0);

        await page.GetByTestId("transfer-open").ClickAsync();
        await Assertions.Expect(page.GetByTestId("transfer-policy")).ToContainTextAsync("hooguit één keer doorverbinden");
        await TransferAsync(page, "Klantenservice", panelOpen: true);

        await Assertions.Expect(page.GetByTestId("transfer-warning")).ToContainTextAsync("Meer dan één keer doorverbonden");
        await Assertions.Expect(page.GetByTestId("transfer-count")).ToContainTextAsync("2×");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Another_agent_sees_a_new_inbound_message_without_reloading()
    {
        var page = await desk.SignInAsync(OtherAgent);
        await page.GotoAsync("/?view=unassigned");
        await BrowserDesk.WaitForInteractiveAsync(page);
        var subject = "Live " + Guid.NewGuid().ToString("N")[..8];

        using var client = desk.CreateIngestClient();
        var response = await client.PostAsJsonAsync("/api/v1/inbound", new
        {
            channel = "chat",
            externalId = Guid.NewGuid().ToString(),
            from = new { email = $"{subject.Replace(' ', '-')}@example.nl", name = "Live Klant" },
            subject,
            text = "Hallo, mijn internet doet het niet meer.",
        });
        response.EnsureSuccessStatusCode();

        await Assertions.Expect(page.GetByTestId("conversation-row").Filter(new() { HasText = subject })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Supervisor_is_alerted_live_when_an_agent_asks_for_help_with_a_threat()
    {
        var conversation = await HostileUnassignedConversationAsync();
        var supervisor = await desk.SignInAsync(Supervisor);
        var agent = await desk.SignInAsync(Agent);
        await agent.GotoAsync($"/conversations/{conversation.Id}");
        await BrowserDesk.WaitForInteractiveAsync(agent);

        await agent.Locator("[data-testid=message][data-direction=inbound]").First.GetByTestId("alert-supervisor").ClickAsync();

        await Assertions.Expect(supervisor.Locator(".mud-snackbar")).ToContainTextAsync("vraagt je mee te kijken");
        await supervisor.Locator(".mud-snackbar").GetByRole(AriaRole.Button, new() { Name = "Open" }).ClickAsync();
        await Assertions.Expect(supervisor).ToHaveURLAsync(new Regex($"/conversations/{conversation.Id}$"));
        await agent.Context.CloseAsync();
        await supervisor.Context.CloseAsync();
    }

    [Fact]
    public async Task Supervisor_view_counts_a_new_waiting_conversation_live()
    {
        var page = await desk.SignInAsync(Supervisor);
        await page.GotoAsync("/supervisor");
        await BrowserDesk.WaitForInteractiveAsync(page);
        var waiting = page.Locator("[data-testid=queue][data-queue=Klantenservice] [data-testid=waiting]");
        var before = int.Parse(await waiting.InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        await BrowserDesk.ScreenshotAsync(page, "supervisor");

        using var client = desk.CreateIngestClient();
        (await client.PostAsJsonAsync("/api/v1/inbound", new
        {
            channel = "chat",
            externalId = Guid.NewGuid().ToString(),
            from = new { email = $"wacht-{Guid.NewGuid():N}@example.nl" },
            text = "Kan iemand mij helpen met mijn factuur?",
        })).EnsureSuccessStatusCode();

        await Assertions.Expect(waiting).ToHaveTextAsync((before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Keyboard_moves_through_the_inbox_opens_a_conversation_and_focuses_the_reply()
    {
        var page = await desk.SignInAsync(Agent);
        await page.GotoAsync("/?view=team");
        await BrowserDesk.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("conversation-row").Nth(1)).ToBeVisibleAsync();

        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("k");
        var first = page.GetByTestId("conversation-row").First;
        await Assertions.Expect(first).ToHaveAttributeAsync("aria-selected", "true");
        var href = await first.Locator("a").GetAttributeAsync("href");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(href!) + "$"));

        await BrowserDesk.WaitForInteractiveAsync(page);
        await page.Keyboard.PressAsync("n");
        await Assertions.Expect(page.GetByTestId("composer")).ToBeFocusedAsync();
        await Assertions.Expect(page.GetByTestId("composer")).ToHaveAttributeAsync("aria-label", "Interne notitie");
        await page.Keyboard.PressAsync("Escape");
        await page.Keyboard.PressAsync("?");
        await Assertions.Expect(page.GetByText("Sneltoetsen")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Agent_switches_the_workspace_to_english_and_it_stays_english()
    {
        var agent = await desk.CreateUserAsync(Domain.Roles.Agent);
        var page = await desk.SignInAsync(agent.Email!);
        await Assertions.Expect(page.GetByTestId("view-mine")).ToContainTextAsync("Van mij");

        await page.GetByTestId("user-menu").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("view-mine")).ToContainTextAsync("Mine");
        var language = await desk.WithDatabaseAsync(db => db.Users.Where(u => u.Id == agent.Id).Select(u => u.UiLanguage).SingleAsync());
        Assert.Equal("en", language);
        await page.Context.CloseAsync();

        var again = await desk.SignInAsync(agent.Email!);
        await Assertions.Expect(again.GetByTestId("view-mine")).ToContainTextAsync("Mine");
        await again.Context.CloseAsync();
    }

    [Fact]
    public async Task Agent_downloads_a_stored_attachment_and_sees_one_that_was_too_large()
    {
        var content = new byte[3000];
        Random.Shared.NextBytes(content);
        "%PDF-1.7\n"u8.CopyTo(content);
        var conversationId = await desk.WithDatabaseAsync(async db =>
        {
            var message = await db.Messages
                .Where(m => m.Direction == MessageDirection.Inbound && m.Severity == Severity.None && m.Conversation!.Team!.Name == "Klantenservice")
                .OrderBy(m => m.Id)
                .FirstAsync();
            var info = new AttachmentInfo("bon.pdf", "application/pdf", content.Length);
            var stored = MessageAttachment.Create(message.Id, info, content);
            db.MessageAttachments.Add(stored);
            message.Attachments = [info with { StorageKey = stored.Id.ToString() }, new AttachmentInfo("film.mov", "application/octet-stream", 50L * 1024 * 1024, TooLarge: true)];
            await db.SaveChangesAsync();
            return message.ConversationId;
        });

        var page = await desk.SignInAsync(Agent);
        await page.GotoAsync($"/conversations/{conversationId}");
        await BrowserDesk.WaitForInteractiveAsync(page);
        var attachments = page.GetByTestId("attachments");
        await Assertions.Expect(attachments.GetByTestId("attachment-not-stored")).ToHaveTextAsync("film.mov (51200 KB, te groot, niet bewaard)");
        var link = attachments.GetByTestId("attachment-download");
        await Assertions.Expect(link).ToHaveTextAsync("bon.pdf downloaden (3 KB)");

        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        Assert.Equal("bon.pdf", download.SuggestedFilename);
        Assert.Equal(content, await File.ReadAllBytesAsync(await download.PathAsync()));
        await page.Context.CloseAsync();
    }

    private static async Task TransferAsync(IPage page, string team, bool panelOpen = false)
    {
        if (!panelOpen)
        {
            await page.GetByTestId("transfer-open").ClickAsync();
        }

        await page.GetByTestId("transfer-team").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = team }).ClickAsync();
        await page.GetByTestId("transfer-confirm").ClickAsync();
        await Assertions.Expect(page.GetByTestId("transfer-panel")).ToHaveCountAsync(0);
    }

    private Task<(Guid Id, string Original, string Masked)> HostileUnassignedConversationAsync() =>
        desk.WithDatabaseAsync(async db =>
        {
            var message = await db.Messages
                .Where(m => m.Direction == MessageDirection.Inbound && m.Severity == Severity.Threat && m.MaskedText != null
                    && m.Conversation!.AssigneeId == null && m.Conversation.Team!.Name == "Klantenservice")
                .Select(m => new { m.ConversationId, m.Text, m.MaskedText })
                .FirstAsync();
            return (message.ConversationId, message.Text, message.MaskedText!);
        });
}

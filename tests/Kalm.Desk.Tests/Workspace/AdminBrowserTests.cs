using System.Net.Http.Json;
using Kalm.Desk.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Kalm.Desk.Tests.Workspace;

/// <summary>The admin screens in a real Chromium against the demo organisation.</summary>
public sealed class AdminBrowserTests(BrowserDesk desk) : IClassFixture<BrowserDesk>
{
    private const string Admin = "ruben@kalm.example";

    [Fact]
    public async Task Admin_writes_a_template_with_a_live_preview_and_agents_can_use_it()
    {
        var page = await desk.SignInAsync(Admin);
        await page.GotoAsync("/admin");
        await BrowserDesk.WaitForInteractiveAsync(page);
        await page.GetByRole(AriaRole.Tab, new() { Name = "Sjablonen" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/templates$"));

        await page.GetByTestId("template-new").ClickAsync();
        await page.GetByTestId("template-name").FillAsync("Pakket onderweg");
        await page.GetByTestId("template-body").FillAsync("Beste {klant.voornaam}, uw pakket is onderweg. Groet, {agent}");
        await Assertions.Expect(page.GetByTestId("template-preview")).ToHaveTextAsync("Beste Sanne, uw pakket is onderweg. Groet, Anouk");
        await Assertions.Expect(page.GetByTestId("template-variables")).ToContainTextAsync("voornaam van de klant");
        await BrowserDesk.ScreenshotAsync(page, "admin-templates");
        await page.GetByTestId("template-save").ClickAsync();

        await Assertions.Expect(page.GetByTestId("template-list")).ToContainTextAsync("Pakket onderweg");
        var stored = await desk.WithDatabaseAsync(db => db.ReplyTemplates.SingleAsync(t => t.Name == "Pakket onderweg"));
        Assert.Equal("Beste {klant.voornaam}, uw pakket is onderweg. Groet, {agent}", stored.Body);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Admin_invites_an_agent_who_signs_in_with_the_password_shown_once()
    {
        var page = await desk.SignInAsync(Admin);
        await page.GotoAsync("/admin");
        await BrowserDesk.WaitForInteractiveAsync(page);
        var email = $"nina-{Guid.NewGuid():N}@kalm.example";

        await page.GetByTestId("agent-new").ClickAsync();
        await page.GetByTestId("agent-email").FillAsync(email);
        await page.GetByTestId("agent-name").FillAsync("Nina Bakker");
        await page.GetByTestId("agent-alias").FillAsync("Nina");
        await page.GetByTestId("agent-save").ClickAsync();

        var password = await page.GetByTestId("agent-password").InnerTextAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Kalm verstuurt nog geen uitnodigingsmails");
        await Assertions.Expect(page.Locator($"[data-testid=agent-row][data-email='{email}']")).ToBeVisibleAsync();
        var context = await desk.Browser.NewContextAsync(new() { BaseURL = desk.BaseUrl });
        var newcomer = await context.NewPageAsync();
        await newcomer.GotoAsync("/account/login");
        await newcomer.Locator("#email").FillAsync(email);
        await newcomer.Locator("#password").FillAsync(password);
        await newcomer.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await Assertions.Expect(newcomer.GetByTestId("view-mine")).ToBeVisibleAsync();
        await context.CloseAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Admin_creates_an_api_key_shown_once_and_revokes_it()
    {
        var page = await desk.SignInAsync(Admin);
        await page.GotoAsync("/admin/api-keys");
        await BrowserDesk.WaitForInteractiveAsync(page);
        var name = "Webshop " + Guid.NewGuid().ToString("N")[..6];

        await page.GetByTestId("api-key-name").FillAsync(name);
        await page.GetByTestId("api-key-create").ClickAsync();
        var secret = await page.GetByTestId("api-key-secret").InnerTextAsync();
        using var integration = desk.CreateIngestClient(secret);
        Assert.True((await DeliverAsync(integration)).IsSuccessStatusCode, "the key shown works for ingest");

        var row = page.Locator($"[data-testid=api-key-row][data-name='{name}']");
        await row.GetByTestId("api-key-revoke").ClickAsync();
        await Assertions.Expect(row.GetByTestId("api-key-revoked")).ToBeVisibleAsync();
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await DeliverAsync(integration)).StatusCode);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Admin_connects_a_mailbox_whose_password_is_never_shown_and_tests_it()
    {
        var page = await desk.SignInAsync(Admin);
        await page.GotoAsync("/admin/mailboxes");
        await BrowserDesk.WaitForInteractiveAsync(page);
        var name = "Support " + Guid.NewGuid().ToString("N")[..6];
        const string password = "app-wachtwoord-123";

        await page.GetByTestId("mailbox-new").ClickAsync();
        await page.GetByTestId("mailbox-name").FillAsync(name);
        await page.GetByTestId("mailbox-from").FillAsync("support@kalm.example");
        await page.GetByTestId("mailbox-imap-host").FillAsync("127.0.0.1");
        await page.GetByTestId("mailbox-imap-user").FillAsync("support");
        await page.GetByTestId("mailbox-imap-password").FillAsync(password);
        await page.GetByTestId("mailbox-smtp-host").FillAsync("127.0.0.1");
        await page.GetByTestId("mailbox-save").ClickAsync();
        await Assertions.Expect(page.Locator($"[data-testid=mailbox-row][data-name='{name}']")).ToBeVisibleAsync();

        // Nothing listens on 993 here: the test names the failure instead of hanging or hiding it.
        await page.GetByTestId("mailbox-test").ClickAsync();
        await Assertions.Expect(page.GetByTestId("mailbox-test-result")).ToContainTextAsync("IMAP:");
        await Assertions.Expect(page.GetByTestId("mailbox-test-result")).Not.ToContainTextAsync("IMAP: verbonden");

        await page.ReloadAsync();
        await BrowserDesk.WaitForInteractiveAsync(page);
        await page.Locator($"[data-testid=mailbox-row][data-name='{name}'] button").ClickAsync();
        await Assertions.Expect(page.GetByTestId("mailbox-imap-user")).ToHaveValueAsync("support");
        await Assertions.Expect(page.GetByTestId("mailbox-imap-password")).ToHaveValueAsync(string.Empty);
        Assert.DoesNotContain(password, await page.ContentAsync(), StringComparison.Ordinal);
        var stored = await desk.WithDatabaseAsync(db => db.Mailboxes.SingleAsync(m => m.Name == name));
        Assert.NotNull(stored.ImapPasswordProtected);
        Assert.DoesNotContain(password, stored.ImapPasswordProtected, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    private static Task<HttpResponseMessage> DeliverAsync(HttpClient integration) =>
        integration.PostAsJsonAsync("/api/v1/inbound", new { channel = "api", externalId = Guid.NewGuid().ToString(), from = new { email = "webshop@example.nl" }, text = "Bestelling 1234 is geannuleerd." });

    [Fact]
    public async Task An_agent_does_not_get_the_admin_screens()
    {
        var page = await desk.SignInAsync("sem@kalm.example");

        await page.GotoAsync("/admin/agents");

        await Assertions.Expect(page.GetByTestId("admin-tabs")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("agent-list")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".kalm-nav")).Not.ToContainTextAsync("Beheer");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Admin_records_an_agents_private_phone_number_that_replies_are_checked_for()
    {
        var page = await desk.SignInAsync(Admin);
        await page.GotoAsync("/admin");
        await BrowserDesk.WaitForInteractiveAsync(page);

        await page.Locator("[data-testid=agent-row][data-email='daan@kalm.example']").GetByRole(AriaRole.Button).First.ClickAsync();
        var form = page.GetByTestId("privacy-form");
        await form.GetByLabel("Privételefoonnummer").FillAsync("06 98 76 54 32");
        await form.GetByLabel("Woonplaats").FillAsync("Amersfoort");
        await form.GetByTestId("privacy-save").ClickAsync();

        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Opgeslagen");
        var daan = await desk.WithDatabaseAsync(db => db.Users.SingleAsync(u => u.Email == "daan@kalm.example"));
        Assert.Equal("+31698765432", daan.PrivatePhone);
        Assert.Equal("Amersfoort", daan.HomeTown);
        await page.Context.CloseAsync();
    }
}

using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kalm.Desk.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Kalm.Desk.Tests.Workspace;

/// <summary>The web chat end to end: a customer on the demo page with the widget, an agent in the workspace, a supervisor.</summary>
public sealed class ChatBrowserTests(BrowserDesk desk) : IClassFixture<BrowserDesk>
{
    [Fact]
    public async Task A_customer_waits_chats_with_an_agent_gets_the_notice_and_rates_the_chat_for_the_supervisor()
    {
        // Someone already waiting in the chat queue, so the customer's place can move up.
        using var ingest = desk.CreateIngestClient();
        var ahead = await (await ingest.PostAsJsonAsync("/api/v1/inbound", new { channel = "chat", externalId = Guid.NewGuid().ToString(), from = new { email = "voor-u@example.nl" }, text = "Ik wacht al even." }))
            .Content.ReadFromJsonAsync<JsonElement>();

        var customerContext = await desk.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = desk.BaseUrl, Locale = "nl-NL" });
        customerContext.SetDefaultTimeout(15_000);
        var customer = await customerContext.NewPageAsync();
        await customer.GotoAsync("/demo/chat");
        await customer.GetByRole(AriaRole.Button, new() { Name = "Chat met ons" }).ClickAsync();
        await customer.GetByRole(AriaRole.Textbox, new() { Name = "Naam (optioneel)" }).FillAsync("Fenna Browser");
        await customer.GetByRole(AriaRole.Button, new() { Name = "Start de chat" }).ClickAsync();
        var compose = customer.GetByRole(AriaRole.Textbox, new() { Name = "Uw bericht" });
        await compose.FillAsync("Mijn pakket is niet bezorgd.");
        await compose.PressAsync("Enter");

        var status = customer.Locator(".kalm-chat .status");
        await Assertions.Expect(status).ToContainTextAsync(new Regex(@"U bent nummer \d+ in de wachtrij"));
        var position = int.Parse(Regex.Match(await status.InnerTextAsync(), @"nummer (\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(position >= 2, $"The conversation ahead waits first, so the customer is at least second: {position}.");

        var conversationId = await desk.WithDatabaseAsync(db => db.Conversations.Where(c => c.Customer!.Name == "Fenna Browser").Select(c => c.Id).SingleAsync());
        var anouk = await desk.WithDatabaseAsync(db => db.Users.SingleAsync(u => u.Email == "anouk@kalm.example"));
        using var admin = await desk.CreateSignedInClientAsync();
        (await admin.PostAsJsonAsync($"/api/v1/conversations/{ahead.GetProperty("conversationId").GetGuid()}/assign", new { agentId = anouk.Id })).EnsureSuccessStatusCode();
        await Assertions.Expect(status).ToContainTextAsync($"U bent nummer {position - 1} in de wachtrij");

        (await admin.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/assign", new { agentId = anouk.Id })).EnsureSuccessStatusCode();
        await Assertions.Expect(status).ToContainTextAsync($"U chat met {anouk.PublicAlias}.");
        Assert.DoesNotContain(anouk.DisplayName, await customer.Locator(".kalm-chat").InnerTextAsync(), StringComparison.Ordinal);

        var agent = await desk.SignInAsync("anouk@kalm.example");
        await agent.GotoAsync($"/conversations/{conversationId}");
        await BrowserDesk.WaitForInteractiveAsync(agent);
        await Assertions.Expect(agent.GetByText("Mijn pakket is niet bezorgd.")).ToBeVisibleAsync();
        await compose.PressSequentiallyAsync("Nog iets");
        await Assertions.Expect(agent.GetByTestId("customer-typing")).ToHaveTextAsync("De klant typt…");
        await compose.FillAsync(string.Empty);
        await agent.GetByTestId("composer").FillAsync("Dag Fenna, ik zoek het direct voor u uit.");
        await Assertions.Expect(customer.Locator(".kalm-chat .typing")).ToHaveTextAsync($"{anouk.PublicAlias} typt…");
        await agent.GetByTestId("send").ClickAsync();

        var agentLine = customer.Locator(".kalm-chat .msg.agent");
        await Assertions.Expect(agentLine).ToContainTextAsync("Dag Fenna, ik zoek het direct voor u uit.");
        await Assertions.Expect(agentLine).ToContainTextAsync(anouk.PublicAlias);
        await Assertions.Expect(customer.Locator(".kalm-chat .msg.visitor").First).ToContainTextAsync("Gelezen");

        await compose.FillAsync("Kankerlijers, schiet eens op!");
        await compose.PressAsync("Enter");
        await Assertions.Expect(customer.Locator(".kalm-chat [role=alert]")).ToContainTextAsync("beledigingen en bedreigingen accepteren wij niet");
        var masked = agent.Locator("[data-testid=message][data-severity=abusive]");
        await Assertions.Expect(masked).ToBeVisibleAsync();
        await Assertions.Expect(masked).Not.ToContainTextAsync("Kankerlijers");

        // The abusive customer is not surveyed by default; this test wants the survey, so a calm chat follows.
        await agent.GetByTestId("resolve").ClickAsync();
        await Assertions.Expect(status).ToContainTextAsync("Dit gesprek is afgerond.");
        await Assertions.Expect(customer.Locator(".kalm-chat form.survey")).ToBeHiddenAsync();

        await compose.FillAsync("Sorry voor net. Is het pakket al onderweg?");
        await compose.PressAsync("Enter");
        await Assertions.Expect(status).ToContainTextAsync("in de wachtrij");
        var second = await desk.WithDatabaseAsync(db => db.Conversations.Where(c => c.Customer!.Name == "Fenna Browser" && c.Id != conversationId).Select(c => c.Id).SingleAsync());
        (await admin.PostAsJsonAsync($"/api/v1/conversations/{second}/assign", new { agentId = anouk.Id })).EnsureSuccessStatusCode();
        await agent.GotoAsync($"/conversations/{second}");
        await BrowserDesk.WaitForInteractiveAsync(agent);
        await agent.GetByTestId("composer").FillAsync("Ja, het wordt morgen bezorgd.");
        await agent.GetByTestId("send").ClickAsync();
        await Assertions.Expect(customer.Locator(".kalm-chat .msg.agent").Last).ToContainTextAsync("Ja, het wordt morgen bezorgd.");
        await agent.GetByTestId("resolve").ClickAsync();

        var survey = customer.Locator(".kalm-chat form.survey");
        await Assertions.Expect(survey).ToBeVisibleAsync();
        foreach (var key in (string[])["solved", "friendliness", "knowledge", "waiting", "overall"])
        {
            await survey.Locator($"input[name={key}][value='4']").CheckAsync();
        }

        await survey.GetByRole(AriaRole.Textbox, new() { Name = "Opmerking (optioneel)" }).FillAsync("Snel geholpen.");
        await survey.GetByRole(AriaRole.Button, new() { Name = "Verstuur uw beoordeling" }).ClickAsync();
        await Assertions.Expect(status).ToContainTextAsync("Bedankt voor uw beoordeling!");

        var supervisor = await desk.SignInAsync("mark@kalm.example");
        await supervisor.GotoAsync("/supervisor/surveys");
        await BrowserDesk.WaitForInteractiveAsync(supervisor);
        await Assertions.Expect(supervisor.GetByTestId("survey-group").Filter(new() { HasText = anouk.DisplayName })).ToContainTextAsync("4,0");
        await Assertions.Expect(supervisor.GetByTestId("survey-response").First).ToContainTextAsync("Snel geholpen.");

        await customerContext.CloseAsync();
        await agent.Context.CloseAsync();
        await supervisor.Context.CloseAsync();
    }
}

using System.Net.Http.Json;
using System.Text.Json;
using Kalm.Desk.Channels.Email;
using Kalm.Desk.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Kalm.Desk.Tests.Workspace;

/// <summary>The survey page behind the link in a survey mail, as the customer uses it in a browser.</summary>
public sealed class SurveyMailBrowserTests(BrowserDesk desk) : IClassFixture<BrowserDesk>
{
    [Fact]
    public async Task A_customer_answers_the_survey_from_the_mail_link_once()
    {
        var conversationId = await desk.WithDatabaseAsync(db => db.Conversations
            .Where(c => c.Channel == Channel.Email && c.AssigneeId != null && !db.SurveyResponses.Any(r => r.ConversationId == c.Id))
            .OrderBy(c => c.CreatedAt).Select(c => c.Id).FirstAsync());
        var token = desk.Services.GetRequiredService<SurveyLinks>().Protect(conversationId, desk.Clock.GetUtcNow().AddDays(14));

        var context = await desk.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = desk.BaseUrl, Locale = "nl-NL" });
        context.SetDefaultTimeout(15_000);
        var customer = await context.NewPageAsync();
        await customer.GotoAsync($"/survey/{token}");
        // The same link in a second tab, submitted after the first: the second answer is refused.
        var secondTab = await context.NewPageAsync();
        await secondTab.GotoAsync($"/survey/{token}");

        await Assertions.Expect(customer.GetByRole(AriaRole.Heading, new() { Name = "Hoe hebben we u geholpen?" })).ToBeVisibleAsync();
        // Keyboard: the first question by arrow keys, the rest by their labels.
        var solved = customer.GetByRole(AriaRole.Radio, new() { Name = "Is uw vraag opgelost?: 1" });
        await solved.FocusAsync();
        await customer.Keyboard.PressAsync("ArrowRight");
        await customer.Keyboard.PressAsync("ArrowRight");
        await customer.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(customer.GetByRole(AriaRole.Radio, new() { Name = "Is uw vraag opgelost?: 4" })).ToBeCheckedAsync();
        foreach (var question in (string[])["Hoe vriendelijk was de medewerker?", "Hoe deskundig was de medewerker?", "Hoe tevreden bent u over de wachttijd?", "Hoe tevreden bent u over het gesprek?"])
        {
            await customer.GetByRole(AriaRole.Radio, new() { Name = $"{question}: 5" }).CheckAsync();
        }

        await customer.GetByLabel("Wilt u nog iets kwijt? (niet verplicht)").FillAsync("Snel en vriendelijk geholpen.");
        await customer.GetByRole(AriaRole.Button, new() { Name = "Versturen" }).ClickAsync();
        await Assertions.Expect(customer.GetByTestId("survey-thanks")).ToContainTextAsync("Hartelijk dank voor uw antwoorden!");

        foreach (var question in (string[])["Is uw vraag opgelost?", "Hoe vriendelijk was de medewerker?", "Hoe deskundig was de medewerker?", "Hoe tevreden bent u over de wachttijd?", "Hoe tevreden bent u over het gesprek?"])
        {
            await secondTab.GetByRole(AriaRole.Radio, new() { Name = $"{question}: 1" }).CheckAsync();
        }

        await secondTab.GetByRole(AriaRole.Button, new() { Name = "Versturen" }).ClickAsync();
        await Assertions.Expect(secondTab.GetByTestId("survey-answered")).ToContainTextAsync("Deze enquête is al ingevuld.");

        var response = await desk.WithDatabaseAsync(db => db.SurveyResponses.SingleAsync(r => r.ConversationId == conversationId));
        Assert.Equal(Channel.Email, response.Channel);
        Assert.Equal(4, response.Answers.Single(a => a.Key == "solved").Score);
        Assert.Equal("Snel en vriendelijk geholpen.", response.Comment);
        using var supervisor = await desk.CreateSignedInClientAsync();
        var byChannel = await supervisor.GetFromJsonAsync<JsonElement>("/api/v1/surveys/results?by=channel");
        Assert.Contains(byChannel.EnumerateArray(), g => g.GetProperty("key").GetString() == "email" && g.GetProperty("responses").GetInt32() >= 1);
        await context.CloseAsync();
    }
}

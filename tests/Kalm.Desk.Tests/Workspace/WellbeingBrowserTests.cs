using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kalm.Desk.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Kalm.Desk.Tests.Workspace;

/// <summary>The agent's bucket, the break suggestion and the supervisor's wellbeing board, in a real Chromium.</summary>
public sealed class WellbeingBrowserTests(BrowserDesk desk) : IClassFixture<BrowserDesk>
{
    [Fact]
    public async Task A_threat_fills_the_bucket_the_agent_accepts_a_break_and_the_supervisor_is_told()
    {
        var sem = await desk.WithDatabaseAsync(db => db.Users.Where(u => u.Email == "sem@kalm.example").Select(u => u.Id).SingleAsync());
        var supervisor = await desk.SignInAsync("mark@kalm.example");
        await supervisor.GotoAsync("/supervisor");
        await BrowserDesk.WaitForInteractiveAsync(supervisor);
        await Assertions.Expect(supervisor.GetByTestId("wellbeing-board")).ToBeVisibleAsync();
        var service = supervisor.GetByTestId("kpi-row").Filter(new() { HasText = "Klantenservice" });
        await Assertions.Expect(service.GetByTestId("kpi-wait")).ToHaveTextAsync(new Regex("minu"));
        var agent = await desk.SignInAsync("sem@kalm.example");
        await Assertions.Expect(agent.GetByTestId("break-suggestion")).ToHaveCountAsync(0);

        // A threatening customer is handed to Sem: eight on the bucket, the break threshold by itself.
        using var ingest = desk.CreateIngestClient();
        var response = await ingest.PostAsJsonAsync("/api/v1/inbound", new
        {
            channel = "email",
            externalId = $"<{Guid.NewGuid():N}@example.nl>",
            from = new { name = "Boze beller", email = $"boos-{Guid.NewGuid():N}@example.nl" },
            subject = "Storing",
            text = "Ik weet waar je woont en ik wacht je op na je dienst.",
        });
        var conversation = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("conversationId").GetGuid();
        using var admin = await desk.CreateSignedInClientAsync();
        (await admin.PostAsJsonAsync($"/api/v1/conversations/{conversation}/assign", new { agentId = sem })).EnsureSuccessStatusCode();

        // The demo gave Sem a rude and an abusive customer earlier; the threat adds eight to what is left of them.
        var levels = await admin.GetFromJsonAsync<JsonElement>("/api/v1/wellbeing/team");
        var level = levels.EnumerateArray().Single(a => a.GetProperty("agentId").GetString() == sem).GetProperty("level").GetDouble();
        Assert.InRange(level, 8, 12);
        var dutchLevel = level.ToString("0.0", System.Globalization.CultureInfo.GetCultureInfo("nl-NL"));

        await Assertions.Expect(agent.GetByText("Nieuw gesprek voor jou: Boze beller (E-mail)")).ToBeVisibleAsync();
        var suggestion = agent.GetByTestId("break-suggestion");
        await Assertions.Expect(suggestion).ToContainTextAsync("Je had een paar zware contacten.");
        await Assertions.Expect(agent.GetByTestId("exposure-level")).ToHaveAttributeAsync("data-level", level.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture));
        await BrowserDesk.ScreenshotAsync(agent, "break-suggestion");

        await suggestion.GetByTestId("accept-break").ClickAsync();

        await Assertions.Expect(supervisor.GetByTestId("wellbeing-notice")).ToContainTextAsync($"Sem Visser nam een pauze op voorstel van Kalm (belasting {dutchLevel}).");
        var row = supervisor.GetByTestId("wellbeing-row").Filter(new() { HasText = "Sem Visser" });
        await Assertions.Expect(row.GetByTestId("wellbeing-level")).ToHaveTextAsync(dutchLevel);
        await Assertions.Expect(row).ToContainTextAsync("Pauze voorgesteld");
        await BrowserDesk.ScreenshotAsync(supervisor, "wellbeing");
        Assert.Equal(Presence.Break, await desk.WithDatabaseAsync(db => db.Users.Where(u => u.Id == sem).Select(u => u.Presence).SingleAsync()));
        await BrowserDesk.WaitForInteractiveAsync(agent);
        await Assertions.Expect(agent.GetByTestId("break-suggestion")).ToHaveCountAsync(0);

        await agent.Context.CloseAsync();
        await supervisor.Context.CloseAsync();
    }
}

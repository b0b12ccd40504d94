using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Kalm.Desk.Domain;
using Kalm.Desk.Tests.Infrastructure;

namespace Kalm.Desk.Tests.Protection;

public sealed class IncidentExportApiTests_Sqlite(SqliteDesk desk) : IncidentExportApiTests<SqliteDesk>(desk);

public sealed class IncidentExportApiTests_Postgres(PostgresDesk desk) : IncidentExportApiTests<PostgresDesk>(desk);

/// <summary>The incident CSV export and the RI&amp;E figures, with their filters.</summary>
public abstract class IncidentExportApiTests<TDesk>(TDesk desk) : IClassFixture<TDesk>
    where TDesk : DeskFactory
{
    private const string Injected = "=HYPERLINK(\"http://evil.example\"), zei hij\nen hing op";

    private async Task<Guid> SendAsync(string channel, string text) => (await desk.DeliverAsync(channel, text)).MessageId;

    private static string Day(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Supervisors_export_filtered_incidents_as_utf8_csv_without_formulas()
    {
        var threat = await SendAsync("email", "Ik weet waar je woont. Ik wacht je op na je dienst.");
        var abuse = await SendAsync("chat", "Vuile kankerlijer, geef me gewoon mijn geld terug.");
        using var supervisor = await desk.CreateSignedInClientAsync();
        (await supervisor.PostAsJsonAsync("/api/v1/incidents", new { messageId = threat, description = "Dreigement, politie gebeld.", policeReportNeeded = true })).EnsureSuccessStatusCode();
        (await supervisor.PostAsJsonAsync("/api/v1/incidents", new { messageId = abuse, description = Injected, wantsFollowUpTalk = true })).EnsureSuccessStatusCode();
        var today = Day(desk.Clock.GetUtcNow());

        var all = await supervisor.GetAsync($"/api/v1/incidents/export.csv?from={today}&to={today}");

        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        Assert.Equal("text/csv", all.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", all.Content.Headers.ContentType?.CharSet);
        var bytes = await all.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var csv = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("id,occurred_at,status,automatic,queue,channel,severity,categories,customer,quoted_text,description,", csv, StringComparison.Ordinal);
        Assert.Contains(",\"'=HYPERLINK(\"\"http://evil.example\"\"), zei hij\nen hing op\",", csv, StringComparison.Ordinal);
        Assert.Contains("Dreigement, politie gebeld.", csv, StringComparison.Ordinal);

        var chat = await supervisor.GetStringAsync($"/api/v1/incidents/export.csv?channel=chat&from={today}");
        Assert.Contains("'=HYPERLINK", chat, StringComparison.Ordinal);
        Assert.DoesNotContain("Dreigement", chat, StringComparison.Ordinal);

        var threats = await supervisor.GetStringAsync("/api/v1/incidents/export.csv?category=threat");
        Assert.Contains("Dreigement", threats, StringComparison.Ordinal);
        Assert.DoesNotContain("HYPERLINK", threats, StringComparison.Ordinal);

        var before = await supervisor.GetStringAsync("/api/v1/incidents/export.csv?to=2020-01-01");
        Assert.Single(before.Split("\r\n", StringSplitOptions.RemoveEmptyEntries));

        await ProblemAssert.IsProblemAsync(await supervisor.GetAsync("/api/v1/incidents/export.csv?channel=fax"), HttpStatusCode.BadRequest);
        var agent = await desk.CreateUserAsync(Roles.Agent);
        using var agentClient = await desk.CreateSignedInClientAsync(agent.Email!);
        Assert.Equal(HttpStatusCode.Forbidden, (await agentClient.GetAsync("/api/v1/incidents/export.csv")).StatusCode);
    }

    [Fact]
    public async Task The_rie_report_counts_incidents_talks_and_police_reports_of_the_period()
    {
        var threat = await SendAsync("whatsapp", "Ik kom met een knuppel langs als dit niet opgelost wordt.");
        using var supervisor = await desk.CreateSignedInClientAsync();
        (await supervisor.PostAsJsonAsync("/api/v1/incidents", new { messageId = threat, wantsFollowUpTalk = true, policeReportNeeded = true })).EnsureSuccessStatusCode();
        var today = Day(desk.Clock.GetUtcNow());

        var report = await supervisor.GetFromJsonAsync<JsonElement>($"/api/v1/protection/rie-report?from={today}&to={today}");
        var empty = await supervisor.GetFromJsonAsync<JsonElement>("/api/v1/protection/rie-report?from=2025-01-06&to=2025-04-06");

        var incidents = report.GetProperty("incidents").GetInt32();
        Assert.True(incidents >= 1);
        Assert.True(report.GetProperty("policeReports").GetInt32() >= 1);
        Assert.True(report.GetProperty("followUpTalks").GetInt32() >= 1);
        Assert.True(report.GetProperty("threats").GetInt32() >= 1);
        var week = report.GetProperty("weeks").EnumerateArray().Single();
        Assert.Equal(incidents, week.GetProperty("incidents").GetInt32());
        Assert.True(week.GetProperty("incidentChannels").GetProperty("whatsapp").GetInt32() >= 1);
        Assert.Equal(0, empty.GetProperty("incidents").GetInt32());
        Assert.Equal(13, empty.GetProperty("weeks").GetArrayLength()); // Monday 6 January to Sunday 6 April 2025
        await ProblemAssert.IsProblemAsync(await supervisor.GetAsync($"/api/v1/protection/rie-report?from={today}&to=2020-01-01"), HttpStatusCode.BadRequest);
    }
}

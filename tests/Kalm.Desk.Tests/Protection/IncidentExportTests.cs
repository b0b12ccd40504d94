using Kalm.Desk.Domain;
using Kalm.Desk.Protection;
using Kalm.Shield;

namespace Kalm.Desk.Tests.Protection;

/// <summary>The CSV writer: quoting by RFC 4180 and no formulas smuggled in by customers.</summary>
public sealed class IncidentExportTests
{
    [Theory]
    [InlineData("gewoon", "gewoon")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("zei \"nee\"", "\"zei \"\"nee\"\"\"")]
    [InlineData("regel 1\nregel 2", "\"regel 1\nregel 2\"")]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+31 6 1234", "'+31 6 1234")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Cells_are_quoted_when_needed_and_never_start_a_formula(string? value, string expected) =>
        Assert.Equal(expected, IncidentExport.Cell(value));

    [Fact]
    public void The_export_has_a_header_row_and_one_line_per_incident_in_local_time()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
        var row = new IncidentRow(
            Guid.Parse("0195f000-0000-7000-8000-000000000001"),
            new DateTimeOffset(2026, 5, 12, 9, 30, 0, TimeSpan.Zero),
            IncidentStatus.Registered,
            false,
            "Klantenservice",
            Channel.WhatsApp,
            Severity.Threat,
            ["threat", "insult"],
            "Kevin de Wit",
            "Ik weet waar je woont, echt.",
            null,
            true,
            false,
            true,
            false);

        var lines = IncidentExport.Write([row], zone).Split("\r\n");

        Assert.Equal(string.Join(',', IncidentExport.Columns), lines[0]);
        Assert.Equal(
            "0195f000-0000-7000-8000-000000000001,2026-05-12T11:30:00+02:00,registered,false,Klantenservice,whatsapp,threat,threat;insult,Kevin de Wit,\"Ik weet waar je woont, echt.\",,true,false,true,false",
            lines[1]);
        Assert.Equal(string.Empty, lines[2]);
    }
}

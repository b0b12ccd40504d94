using System.Globalization;
using System.Text;
using Kalm.Desk.Data;
using Kalm.Desk.Domain;
using Kalm.Desk.Infrastructure;
using Kalm.Shield;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kalm.Desk.Protection;

/// <summary>Which incidents an export or report covers; every filter is optional.</summary>
/// <param name="From">First day, in the organisation's time zone.</param>
/// <param name="To">Last day, inclusive.</param>
/// <param name="Category">A Shield category name such as <c>threat</c>.</param>
/// <param name="Channel">A channel name such as <c>email</c>.</param>
/// <param name="Team">The queue the conversation was in.</param>
public sealed record IncidentFilter(DateOnly? From, DateOnly? To, string? Category, string? Channel, Guid? Team);

/// <summary>One incident as a row of the export.</summary>
public sealed record IncidentRow(
    Guid Id,
    DateTimeOffset OccurredAt,
    IncidentStatus Status,
    bool Automatic,
    string? Queue,
    Channel Channel,
    Severity Severity,
    IReadOnlyList<string> Categories,
    string? CustomerName,
    string? QuotedText,
    string? Description,
    bool ConversationEnded,
    bool ThreatenedInPerson,
    bool WantsFollowUpTalk,
    bool PoliceReportNeeded);

/// <summary>Incidents as CSV for HR and the occupational health service (RFC 4180, UTF-8, header row).</summary>
public static class IncidentExport
{
    /// <summary>The header row, in the order of the columns.</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "id", "occurred_at", "status", "automatic", "queue", "channel", "severity", "categories", "customer",
        "quoted_text", "description", "conversation_ended", "threatened_in_person", "wants_follow_up_talk", "police_report_needed",
    ];

    /// <summary>
    /// The incidents matching <paramref name="filter"/>, oldest first, or a problem when a filter value is unknown.
    /// </summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportAsync(KalmDbContext db, IncidentFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        var zone = await OrganisationClock.ZoneAsync(db, cancellationToken).ConfigureAwait(false);
        var query = Filter(db, filter, zone);
        if (query is null)
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status400BadRequest, $"Unknown 'channel' '{filter.Channel}'; use one of: {ApiNames.List<Channel>()}.");
        }

        var rows = await query.OrderBy(i => i.OccurredAt)
            .Select(i => new IncidentRow(
                i.Id,
                i.OccurredAt,
                i.Status,
                i.Automatic,
                i.TeamId == null ? null : db.Teams.Where(t => t.Id == i.TeamId).Select(t => t.Name).FirstOrDefault(),
                i.Channel,
                i.Severity,
                i.Categories,
                i.Customer == null ? null : i.Customer.Name,
                i.QuotedText,
                i.Description,
                i.ConversationEnded,
                i.ThreatenedInPerson,
                i.WantsFollowUpTalk,
                i.PoliceReportNeeded))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var csv = Write(rows, zone);
        return TypedResults.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv; charset=utf-8", "incidents.csv");
    }

    /// <summary>The incidents <paramref name="filter"/> selects; null when its channel is unknown.</summary>
    internal static IQueryable<Incident>? Filter(KalmDbContext db, IncidentFilter filter, TimeZoneInfo zone)
    {
        var query = db.Incidents.AsNoTracking();
        if (filter.From is { } from)
        {
            var start = OrganisationClock.StartOf(from, zone);
            query = query.Where(i => i.OccurredAt >= start);
        }

        if (filter.To is { } to)
        {
            var end = OrganisationClock.StartOf(to.AddDays(1), zone);
            query = query.Where(i => i.OccurredAt < end);
        }

        if (!string.IsNullOrWhiteSpace(filter.Category))
        {
            var category = filter.Category.Trim().ToLowerInvariant();
            query = query.Where(i => i.Categories.Contains(category));
        }

        if (!string.IsNullOrWhiteSpace(filter.Channel))
        {
            if (!ApiNames.TryParse<Channel>(filter.Channel, out var channel))
            {
                return null;
            }

            query = query.Where(i => i.Channel == channel);
        }

        if (filter.Team is { } team)
        {
            query = query.Where(i => i.TeamId == team);
        }

        return query;
    }

    /// <summary>The rows as CSV text with a header row; times in <paramref name="zone"/> with their offset.</summary>
    public static string Write(IEnumerable<IncidentRow> rows, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var csv = new StringBuilder();
        csv.AppendJoin(',', Columns).Append("\r\n");
        foreach (var row in rows)
        {
            string[] cells =
            [
                row.Id.ToString(),
                TimeZoneInfo.ConvertTime(row.OccurredAt, zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
                ApiNames.Name(row.Status),
                Flag(row.Automatic),
                Cell(row.Queue),
                row.Channel == Channel.WhatsApp ? "whatsapp" : ApiNames.Name(row.Channel),
                row.Severity.ToName(),
                Cell(string.Join(';', row.Categories)),
                Cell(row.CustomerName),
                Cell(row.QuotedText),
                Cell(row.Description),
                Flag(row.ConversationEnded),
                Flag(row.ThreatenedInPerson),
                Flag(row.WantsFollowUpTalk),
                Flag(row.PoliceReportNeeded),
            ];
            csv.AppendJoin(',', cells).Append("\r\n");
        }

        return csv.ToString();
    }

    /// <summary>
    /// One free-text cell. A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage
    /// return) as a formula, so customer-written text gets a leading apostrophe; then the cell is quoted
    /// when it holds a separator, quote or line break, with quotes doubled (RFC 4180).
    /// </summary>
    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }

    private static string Flag(bool value) => value ? "true" : "false";
}

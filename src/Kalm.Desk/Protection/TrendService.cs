using System.Security.Claims;
using Kalm.Desk.Data;
using Kalm.Desk.Domain;
using Kalm.Desk.Infrastructure;
using Kalm.Shield;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kalm.Desk.Protection;

/// <summary>Hostile contacts and incidents in one day or week (starting on <paramref name="Start"/>).</summary>
/// <param name="HostileContacts">Inbound messages Shield rated abusive or worse.</param>
/// <param name="Incidents">Incidents that occurred, drafts included.</param>
/// <param name="Categories">Hostile contacts per Shield category.</param>
/// <param name="Channels">Hostile contacts per channel.</param>
/// <param name="IncidentCategories">Incidents per Shield category.</param>
/// <param name="IncidentChannels">Incidents per channel.</param>
public sealed record TrendPoint(
    DateOnly Start,
    int HostileContacts,
    int Incidents,
    IReadOnlyDictionary<string, int> Categories,
    IReadOnlyDictionary<Channel, int> Channels,
    IReadOnlyDictionary<string, int> IncidentCategories,
    IReadOnlyDictionary<Channel, int> IncidentChannels);

/// <summary>The days and weeks of the whole organisation (<paramref name="TeamId"/> null) or of one queue.</summary>
public sealed record TrendSeries(Guid? TeamId, string Name, IReadOnlyList<TrendPoint> Days, IReadOnlyList<TrendPoint> Weeks);

/// <summary>A day or week whose hostile contacts rose significantly above the baseline (see <see cref="SpikeTest"/>).</summary>
/// <param name="Period"><c>day</c> or <c>week</c>.</param>
/// <param name="TeamId">The queue; null for the whole organisation.</param>
public sealed record TrendSignal(string Period, DateOnly Start, Guid? TeamId, string Scope, int Count, double Expected, double PValue);

/// <summary>An organisation event as the timeline shows it.</summary>
public sealed record OrganisationEventView(Guid Id, DateOnly Date, string Title, string? Description, Guid? TeamId, string? TeamName, string CreatedByName);

/// <summary>What a supervisor writes for an organisation event.</summary>
public sealed record OrganisationEventRequest(DateOnly? Date, string? Title, string? Description, Guid? TeamId);

/// <summary>Trends of a period, <paramref name="From"/> to <paramref name="To"/> inclusive, in the organisation's time zone.</summary>
public sealed record TrendReport(
    DateOnly From,
    DateOnly To,
    TrendSeries Overall,
    IReadOnlyList<TrendSeries> Queues,
    IReadOnlyList<TrendSignal> Signals,
    IReadOnlyList<OrganisationEventView> Events);

/// <summary>Incidents of one queue per week of an RI&amp;E report.</summary>
public sealed record RieQueue(Guid TeamId, string Name, IReadOnlyList<int> Incidents);

/// <summary>
/// The risk inventory (RI&amp;E) figures of a period: incidents per week by category, channel and queue,
/// and the totals the occupational health service asks for. Weeks are whole weeks (Monday to Sunday)
/// overlapping the period; totals count the period's days exactly.
/// </summary>
public sealed record RieReport(
    DateOnly From,
    DateOnly To,
    IReadOnlyList<TrendPoint> Weeks,
    IReadOnlyList<RieQueue> Queues,
    int HostileContacts,
    int Incidents,
    int Threats,
    int FollowUpTalks,
    int PoliceReports,
    int ThreatenedInPerson,
    int ConversationsEnded);

/// <summary>Counts hostile contacts and incidents per day and week, tests them for rises, and keeps organisation events.</summary>
public sealed class TrendService(KalmDbContext db, IOptions<TrendOptions> options, TimeProvider time)
{
    /// <summary>The default period: the last 13 weeks.</summary>
    public const int DefaultDays = 91;

    private const int MaxDays = 366;
    private const int MaxTitleLength = 200;
    private const int MaxDescriptionLength = 2000;

    private sealed record Occurrence(DateTimeOffset At, Guid? TeamId, Channel Channel, List<string> Categories);

    /// <summary>The trend report for <paramref name="from"/>–<paramref name="to"/>; by default the last <see cref="DefaultDays"/> days.</summary>
    public async Task<Results<Ok<TrendReport>, ProblemHttpResult>> GetAsync(DateOnly? from, DateOnly? to, CancellationToken cancellationToken) =>
        await ReportAsync(from, to, cancellationToken).ConfigureAwait(false) is { } report
            ? TypedResults.Ok(report)
            : ProblemDetailsSetup.Problem(StatusCodes.Status400BadRequest, $"'from' must be on or before 'to', at most {MaxDays} days apart.");

    /// <summary>The trend report, or null when the period is reversed or longer than a year.</summary>
    public async Task<TrendReport?> ReportAsync(DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        var zone = await OrganisationClock.ZoneAsync(db, cancellationToken).ConfigureAwait(false);
        var last = to ?? OrganisationClock.DateOf(time.GetUtcNow(), zone);
        var first = from ?? last.AddDays(-(DefaultDays - 1));
        return first > last || last.DayNumber - first.DayNumber >= MaxDays
            ? null
            : await BuildAsync(first, last, zone, cancellationToken).ConfigureAwait(false);
    }

    private async Task<TrendReport> BuildAsync(DateOnly from, DateOnly to, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var settings = options.Value;

        // The baseline of the first day and week lies before the period, so it is loaded too.
        var loadFrom = OrganisationClock.MondayOf(from).AddDays(-7 * settings.BaselineWeeks);
        var start = OrganisationClock.StartOf(loadFrom, zone);
        var end = OrganisationClock.StartOf(to.AddDays(1), zone);
        var hostile = await db.Messages.AsNoTracking()
            .Where(m => m.Direction == MessageDirection.Inbound && m.Severity >= Severity.Abusive && m.SentAt >= start && m.SentAt < end)
            .Select(m => new Occurrence(m.SentAt, m.Conversation!.TeamId, m.Channel, m.Categories))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var incidents = await db.Incidents.AsNoTracking()
            .Where(i => i.OccurredAt >= start && i.OccurredAt < end)
            .Select(i => new Occurrence(i.OccurredAt, i.TeamId, i.Channel, i.Categories))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var teams = await db.Teams.AsNoTracking().OrderBy(t => t.SortOrder).ThenBy(t => t.Name)
            .Select(t => new { t.Id, t.Name }).ToListAsync(cancellationToken).ConfigureAwait(false);

        var signals = new List<TrendSignal>();
        var overall = Series(null, string.Empty, _ => true);
        var queues = teams.Select(t => Series(t.Id, t.Name, o => o.TeamId == t.Id)).ToList();
        var events = await ListEventsAsync(from, to, cancellationToken).ConfigureAwait(false);
        return new TrendReport(
            from,
            to,
            overall,
            queues,
            [.. signals.OrderByDescending(s => s.Start).ThenBy(s => s.TeamId is not null).ThenBy(s => s.Scope, StringComparer.Ordinal)],
            events);

        TrendSeries Series(Guid? teamId, string name, Func<Occurrence, bool> inScope)
        {
            var days = Points(loadFrom, to.DayNumber - loadFrom.DayNumber + 1, 1, o => OrganisationClock.DateOf(o.At, zone), inScope);
            var mondays = (OrganisationClock.MondayOf(to).DayNumber - loadFrom.DayNumber) / 7 + 1;
            var weeks = Points(loadFrom, mondays, 7, o => OrganisationClock.MondayOf(OrganisationClock.DateOf(o.At, zone)), inScope);
            var firstDay = from.DayNumber - loadFrom.DayNumber;
            var firstWeek = (OrganisationClock.MondayOf(from).DayNumber - loadFrom.DayNumber) / 7;
            Detect("day", days, 7, firstDay);
            Detect("week", weeks, 1, firstWeek);
            return new TrendSeries(teamId, name, [.. days.Skip(firstDay)], [.. weeks.Skip(firstWeek)]);

            void Detect(string period, List<TrendPoint> points, int distance, int first) =>
                signals.AddRange(SpikeTest.Detect([.. points.Select(p => p.HostileContacts)], distance, settings.BaselineWeeks, settings.Alpha, settings.MinimumCount, first)
                    .Select(s => new TrendSignal(period, points[s.Index].Start, teamId, name, s.Count, Math.Round(s.Expected, 2), s.PValue)));
        }

        List<TrendPoint> Points(DateOnly origin, int count, int step, Func<Occurrence, DateOnly> bucket, Func<Occurrence, bool> inScope)
        {
            var hostileBy = hostile.Where(inScope).ToLookup(bucket);
            var incidentsBy = incidents.Where(inScope).ToLookup(bucket);
            return [.. Enumerable.Range(0, count).Select(i =>
            {
                var day = origin.AddDays(i * step);
                var h = hostileBy[day].ToList();
                var n = incidentsBy[day].ToList();
                return new TrendPoint(day, h.Count, n.Count, CountCategories(h), CountChannels(h), CountCategories(n), CountChannels(n));
            })];
        }
    }

    /// <summary>The RI&amp;E figures of <paramref name="from"/>–<paramref name="to"/>; null when the period is invalid.</summary>
    public async Task<RieReport?> RieAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        if (await ReportAsync(from, to, cancellationToken).ConfigureAwait(false) is not { } trends)
        {
            return null;
        }

        var zone = await OrganisationClock.ZoneAsync(db, cancellationToken).ConfigureAwait(false);
        var incidents = await IncidentExport.Filter(db, new IncidentFilter(from, to, null, null, null), zone)!
            .Select(i => new { i.Severity, i.WantsFollowUpTalk, i.PoliceReportNeeded, i.ThreatenedInPerson, i.ConversationEnded })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new RieReport(
            from,
            to,
            trends.Overall.Weeks,
            [.. trends.Queues.Select(q => new RieQueue(q.TeamId!.Value, q.Name, [.. q.Weeks.Select(w => w.Incidents)]))],
            trends.Overall.Days.Sum(d => d.HostileContacts),
            incidents.Count,
            incidents.Count(i => i.Severity >= Severity.Threat),
            incidents.Count(i => i.WantsFollowUpTalk),
            incidents.Count(i => i.PoliceReportNeeded),
            incidents.Count(i => i.ThreatenedInPerson),
            incidents.Count(i => i.ConversationEnded));
    }

    private static Dictionary<string, int> CountCategories(List<Occurrence> occurrences) =>
        occurrences.SelectMany(o => o.Categories).Where(c => c is not ("compliment" or "self_harm"))
            .GroupBy(c => c, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    private static Dictionary<Channel, int> CountChannels(List<Occurrence> occurrences) =>
        occurrences.GroupBy(o => o.Channel).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>Organisation events from <paramref name="from"/> to <paramref name="to"/>, oldest first.</summary>
    public Task<List<OrganisationEventView>> ListEventsAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        Views(db.OrganisationEvents.AsNoTracking().Where(e => e.Date >= from && e.Date <= to).OrderBy(e => e.Date).ThenBy(e => e.CreatedAt))
            .ToListAsync(cancellationToken);

    /// <summary>Adds an event, or changes event <paramref name="id"/>.</summary>
    public async Task<Results<Ok<OrganisationEventView>, ProblemHttpResult>> SaveEventAsync(Guid? id, OrganisationEventRequest request, ClaimsPrincipal user, string byName)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Date is not { } date)
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status400BadRequest, "'date' (yyyy-MM-dd) is required: the day the event happened.");
        }

        if (string.IsNullOrWhiteSpace(request.Title) || request.Title.Trim().Length > MaxTitleLength)
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status400BadRequest, $"'title' is required and at most {MaxTitleLength} characters.");
        }

        if (request.Description is { Length: > MaxDescriptionLength })
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status400BadRequest, $"'description' is at most {MaxDescriptionLength} characters.");
        }

        if (request.TeamId is { } teamId && !await db.Teams.AnyAsync(t => t.Id == teamId).ConfigureAwait(false))
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status400BadRequest, $"No queue {teamId} exists; leave 'teamId' out for the whole organisation.");
        }

        var now = time.GetUtcNow();
        OrganisationEvent? stored;
        if (id is { } existing)
        {
            stored = await db.OrganisationEvents.SingleOrDefaultAsync(e => e.Id == existing).ConfigureAwait(false);
            if (stored is null)
            {
                return ProblemDetailsSetup.Problem(StatusCodes.Status404NotFound, $"No organisation event {existing} exists.");
            }
        }
        else
        {
            stored = new OrganisationEvent { Title = string.Empty, CreatedById = user.AgentId(), CreatedByName = byName, CreatedAt = now };
            db.OrganisationEvents.Add(stored);
        }

        stored.Date = date;
        stored.Title = request.Title.Trim();
        stored.Description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim();
        stored.TeamId = request.TeamId;
        stored.UpdatedAt = now;
        await db.SaveChangesAsync().ConfigureAwait(false);
        return TypedResults.Ok(await Views(db.OrganisationEvents.AsNoTracking().Where(e => e.Id == stored.Id)).SingleAsync().ConfigureAwait(false));
    }

    /// <summary>Removes event <paramref name="id"/>; false when there is none.</summary>
    public async Task<bool> DeleteEventAsync(Guid id) =>
        await db.OrganisationEvents.Where(e => e.Id == id).ExecuteDeleteAsync().ConfigureAwait(false) > 0;

    private IQueryable<OrganisationEventView> Views(IQueryable<OrganisationEvent> events) =>
        events.Select(e => new OrganisationEventView(
            e.Id,
            e.Date,
            e.Title,
            e.Description,
            e.TeamId,
            e.TeamId == null ? null : db.Teams.Where(t => t.Id == e.TeamId).Select(t => t.Name).FirstOrDefault(),
            e.CreatedByName));
}

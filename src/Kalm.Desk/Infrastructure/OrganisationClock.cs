using Kalm.Desk.Data;
using Microsoft.EntityFrameworkCore;

namespace Kalm.Desk.Infrastructure;

/// <summary>Days as the team lives them: midnight and dates in the organisation's time zone, not UTC.</summary>
public static class OrganisationClock
{
    /// <summary>The organisation's time zone; UTC when the configured one is unknown on this machine.</summary>
    public static async Task<TimeZoneInfo> ZoneAsync(KalmDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var zoneId = await db.Organisation.OrderBy(o => o.Id).Select(o => o.TimeZone).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false) ?? "Europe/Amsterdam";
        return TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var found) ? found : TimeZoneInfo.Utc;
    }

    /// <summary>The local date of <paramref name="instant"/> in <paramref name="zone"/>.</summary>
    public static DateOnly DateOf(DateTimeOffset instant, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>The instant <paramref name="date"/> starts in <paramref name="zone"/>.</summary>
    public static DateTimeOffset StartOf(DateOnly date, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var midnight = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight)).ToUniversalTime();
    }

    /// <summary>The Monday of the week of <paramref name="date"/>: Dutch and Belgian weeks start on Monday.</summary>
    public static DateOnly MondayOf(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));
}

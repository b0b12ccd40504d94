using Kalm.Desk.Channels.Chat;
using Kalm.Desk.Domain;

namespace Kalm.Desk.Tests.Channels;

/// <summary>Opening hours are read in the organisation's time zone, not in UTC.</summary>
public sealed class BusinessHoursCheckTests
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    private static readonly BusinessHours[] Weekdays =
        [.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .Select(day => new BusinessHours(day, new TimeOnly(8, 30), new TimeOnly(17, 30)))];

    [Theory]
    [InlineData("2026-05-12T07:00:00Z", true)] // Tuesday 09:00 summer time
    [InlineData("2026-05-12T06:15:00Z", false)] // Tuesday 08:15: not open yet
    [InlineData("2026-05-12T15:30:00Z", false)] // Tuesday 17:30: closing time is closed
    [InlineData("2026-01-13T16:00:00Z", true)] // Tuesday 17:00 winter time
    [InlineData("2026-05-16T10:00:00Z", false)] // Saturday
    public void Open_within_the_days_hours_in_the_organisations_zone(string utc, bool open) =>
        Assert.Equal(open, BusinessHoursCheck.IsOpen(Weekdays, DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), Amsterdam));

    [Fact]
    public void No_hours_means_always_open() =>
        Assert.True(BusinessHoursCheck.IsOpen([], new DateTimeOffset(2026, 5, 17, 3, 0, 0, TimeSpan.Zero), Amsterdam));
}

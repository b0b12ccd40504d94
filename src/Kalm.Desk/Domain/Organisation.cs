namespace Kalm.Desk.Domain;

/// <summary>The settings of the one organisation this desk serves (a single row).</summary>
public sealed class OrganisationSettings
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public required string Name { get; set; }

    /// <summary>An IANA time zone id; business hours are read in this zone.</summary>
    public string TimeZone { get; set; } = "Europe/Amsterdam";

    public string Language { get; set; } = "nl-NL";

    public List<BusinessHours> BusinessHours { get; set; } = [];
}

/// <summary>Opening hours on one day of the week, in the organisation's time zone.</summary>
public sealed record BusinessHours(DayOfWeek Day, TimeOnly Opens, TimeOnly Closes);

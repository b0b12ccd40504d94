namespace Kalm.Desk.Protection;

/// <summary>
/// Something the organisation did or went through (a mailing, a price change, an outage) that
/// supervisors mark on the trend timeline, so a rise in hostility can be read against its cause.
/// </summary>
public sealed class OrganisationEvent
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The day it happened, in the organisation's time zone.</summary>
    public DateOnly Date { get; set; }

    public required string Title { get; set; }

    public string? Description { get; set; }

    /// <summary>The queue it concerns; null for the whole organisation.</summary>
    public Guid? TeamId { get; set; }

    public required string CreatedById { get; set; }

    public required string CreatedByName { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

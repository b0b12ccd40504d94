using Kalm.Desk.Domain;

namespace Kalm.Desk.Protection;

/// <summary>How the desk treats a customer, by their own behaviour: the same behaviour, the same level.</summary>
public enum ConductLevel
{
    None,
    Caution,
    Hostile,
    Dangerous,
}

public enum ConductChangeKind
{
    /// <summary>A supervisor's note on the record.</summary>
    Note,

    /// <summary>A supervisor lowered the level, with a reason; it holds until the customer is hostile again.</summary>
    LevelLowered,

    /// <summary>The customer was sent the standard warning.</summary>
    Warned,

    /// <summary>Only the named team (senior agents) handles the customer until the expiry.</summary>
    Restricted,

    /// <summary>The customer's messages are stored but kept out of the queues until the expiry.</summary>
    Blocked,

    /// <summary>A restriction or block was lifted before its expiry.</summary>
    Lifted,
}

/// <summary>An audited change a supervisor made to a customer's conduct record.</summary>
public sealed class ConductChange
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid CustomerId { get; set; }

    public Customer? Customer { get; set; }

    public ConductChangeKind Kind { get; set; }

    /// <summary>For <see cref="ConductChangeKind.LevelLowered"/>: the level set.</summary>
    public ConductLevel? Level { get; set; }

    public required string Reason { get; set; }

    /// <summary>For restrictions and blocks: when they end by themselves; null means until lifted.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>For <see cref="ConductChangeKind.Restricted"/>: the team that handles the customer.</summary>
    public Guid? TeamId { get; set; }

    public required string ById { get; set; }

    public required string ByName { get; set; }

    public DateTimeOffset At { get; set; }
}

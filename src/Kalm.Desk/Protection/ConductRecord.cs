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

    public required string ById { get; set; }

    public required string ByName { get; set; }

    public DateTimeOffset At { get; set; }
}

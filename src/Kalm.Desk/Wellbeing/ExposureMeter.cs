namespace Kalm.Desk.Wellbeing;

/// <summary>
/// An agent's exposure to hostility ("de emmer"): each hostile contact adds its weight, and the
/// level halves every <see cref="WellbeingOptions.HalfLifeMinutes"/> at work and every
/// <see cref="WellbeingOptions.BreakHalfLifeMinutes"/> off the desk. Decay is exact for any
/// sequence of hits and breaks, so replaying stored hits and presence changes in order gives the
/// same level as following them live; the live desk and the simulator both use this type.
/// </summary>
public struct ExposureMeter
{
    private readonly double _workDecayPerMinute;
    private readonly double _breakDecayPerMinute;

    /// <summary>Starts an empty meter at <paramref name="at"/>.</summary>
    public ExposureMeter(WellbeingOptions options, DateTimeOffset at, bool offDesk = false)
    {
        ArgumentNullException.ThrowIfNull(options);
        _workDecayPerMinute = Math.Log(2) / options.HalfLifeMinutes;
        _breakDecayPerMinute = Math.Log(2) / options.BreakHalfLifeMinutes;
        AsOf = at;
        OffDesk = offDesk;
    }

    /// <summary>The level at <see cref="AsOf"/>.</summary>
    public double Level { get; private set; }

    /// <summary>The moment <see cref="Level"/> describes.</summary>
    public DateTimeOffset AsOf { get; private set; }

    /// <summary>Whether the agent is on a break, away or offline, when the level fades faster.</summary>
    public bool OffDesk { get; private set; }

    /// <summary>The level at <paramref name="at"/> without changing the meter.</summary>
    public readonly double LevelAt(DateTimeOffset at)
    {
        var minutes = (at - AsOf).TotalMinutes;
        return minutes <= 0 ? Level : Level * Math.Exp(-minutes * (OffDesk ? _breakDecayPerMinute : _workDecayPerMinute));
    }

    /// <summary>Lets the level fade until <paramref name="at"/>; earlier times leave it as it is.</summary>
    public void AdvanceTo(DateTimeOffset at)
    {
        if (at > AsOf)
        {
            Level = LevelAt(at);
            AsOf = at;
        }
    }

    /// <summary>Adds a hostile contact of <paramref name="weight"/> at <paramref name="at"/>.</summary>
    public void Add(DateTimeOffset at, double weight)
    {
        AdvanceTo(at);
        Level += weight;
    }

    /// <summary>Records that the agent left (or came back to) the desk at <paramref name="at"/>.</summary>
    public void SetOffDesk(DateTimeOffset at, bool offDesk)
    {
        AdvanceTo(at);
        OffDesk = offDesk;
    }
}

using System.ComponentModel.DataAnnotations;

namespace Kalm.Desk.Protection;

/// <summary><c>Kalm:Trends</c>: when a rise in hostile contacts counts as a signal.</summary>
public sealed class TrendOptions
{
    public const string Section = "Kalm:Trends";

    /// <summary>
    /// Earlier comparable periods in the baseline: for days the same weekday of this many weeks
    /// before, for weeks this many weeks before.
    /// </summary>
    [Range(2, 52)]
    public int BaselineWeeks { get; set; } = 8;

    /// <summary>One-sided significance level, and so the highest false-alarm rate per tested period and series.</summary>
    [Range(1e-9, 0.1)]
    public double Alpha { get; set; } = 0.001;

    /// <summary>A day or week with fewer hostile contacts than this is never a signal.</summary>
    [Range(1, 1000)]
    public int MinimumCount { get; set; } = 3;
}

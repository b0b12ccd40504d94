using System.Globalization;

namespace Kalm.Desk.Routing;

/// <summary>Where the departure rate of an estimate came from.</summary>
public enum WaitBasis
{
    /// <summary>Conversations the queue actually handed to agents recently.</summary>
    Observed,

    /// <summary>The agents serving the queue, their capacity and the average handle time.</summary>
    Capacity,
}

/// <summary>
/// How long a customer at some position may wait: a range, because a single number would promise
/// a precision that a queue does not have.
/// </summary>
/// <param name="Low">The 20th percentile of the wait.</param>
/// <param name="High">The 80th percentile of the wait.</param>
/// <param name="PerMinute">The rate at which the queue hands conversations to agents.</param>
public sealed record WaitEstimate(TimeSpan Low, TimeSpan High, WaitBasis Basis, double PerMinute)
{
    private static readonly int[] Steps = [1, 2, 3, 5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 240, 360, 480];

    /// <summary>The range rounded outwards to steps people use ("5–10 minutes"), in minutes.</summary>
    public (int Low, int High) RoundedMinutes()
    {
        var high = Steps.FirstOrDefault(s => s >= High.TotalMinutes, Steps[^1]);
        var low = Steps.LastOrDefault(s => s <= Low.TotalMinutes, 0);
        if (low >= high)
        {
            low = Steps.LastOrDefault(s => s < high, 0);
        }

        return (low, high);
    }

    /// <summary>The range as a customer reads it, in Dutch (<c>nl</c>) or English.</summary>
    public string Describe(string language)
    {
        var dutch = language.StartsWith("nl", StringComparison.OrdinalIgnoreCase);
        var (low, high) = RoundedMinutes();
        if (high <= 1)
        {
            return dutch ? "minder dan een minuut" : "less than a minute";
        }

        if (High.TotalMinutes > Steps[^1])
        {
            return dutch ? "meer dan 8 uur" : "more than 8 hours";
        }

        var format = (dutch, low == 0) switch
        {
            (true, true) => "hooguit ongeveer {1} minuten",
            (true, false) => "ongeveer {0}–{1} minuten",
            (false, true) => "up to about {1} minutes",
            (false, false) => "about {0}–{1} minutes",
        };
        return string.Format(CultureInfo.InvariantCulture, format, low, high);
    }
}

/// <summary>
/// Estimates waiting times with the observed-rate approach: conversations leave a queue for an
/// agent as a Poisson stream at the rate observed over the last half hour (or, with too few
/// observations, the rate the serving agents' capacity and the average handle time allow), so the
/// wait of the customer at position <c>k</c> is the time to the <c>k</c>-th departure, which is
/// Erlang(<c>k</c>, rate) distributed. The estimate is its 20th–80th percentile range.
/// </summary>
public static class WaitEstimator
{
    /// <summary>Observed departures needed before the observed rate is trusted over the capacity rate.</summary>
    public const int MinimumObserved = 4;

    /// <summary>The window over which departures are counted.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(30);

    private const double LowQuantile = 0.2;
    private const double HighQuantile = 0.8;

    /// <summary>The estimate for the customer at <paramref name="position"/> (1 is next), or null when nobody serves the queue.</summary>
    /// <param name="position">1 for the next customer to be served.</param>
    /// <param name="departuresInWindow">Conversations the queue handed to agents during the last <see cref="Window"/>.</param>
    /// <param name="servingSlots">Conversations the agents serving the queue can take at once (available or busy, with capacity on the channel).</param>
    /// <param name="freeSlots">Of those, how many are free right now.</param>
    /// <param name="averageHandleTime">How long an agent takes per conversation on this queue and channel.</param>
    public static WaitEstimate? Estimate(int position, int departuresInWindow, int servingSlots, int freeSlots, TimeSpan averageHandleTime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(position, 1);
        if (freeSlots >= position)
        {
            // Someone can take it now: routing hands it over within seconds.
            return new WaitEstimate(TimeSpan.Zero, TimeSpan.FromSeconds(30), WaitBasis.Capacity, servingSlots / averageHandleTime.TotalMinutes);
        }

        double rate;
        WaitBasis basis;
        if (departuresInWindow >= MinimumObserved)
        {
            rate = departuresInWindow / Window.TotalMinutes;
            basis = WaitBasis.Observed;
        }
        else if (servingSlots > 0 && averageHandleTime > TimeSpan.Zero)
        {
            rate = servingSlots / averageHandleTime.TotalMinutes;
            basis = WaitBasis.Capacity;
        }
        else
        {
            return null;
        }

        // Free slots serve the first customers at once; the rest wait for departures.
        var departuresNeeded = position - freeSlots;
        return new WaitEstimate(
            TimeSpan.FromMinutes(ErlangQuantile(departuresNeeded, rate, LowQuantile)),
            TimeSpan.FromMinutes(ErlangQuantile(departuresNeeded, rate, HighQuantile)),
            basis,
            rate);
    }

    /// <summary>The <paramref name="p"/>-quantile of the time to the <paramref name="k"/>-th event of a Poisson stream with <paramref name="rate"/>.</summary>
    public static double ErlangQuantile(int k, double rate, double p)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rate);
        double low = 0, high = k + (10 * Math.Sqrt(k)) + 10;
        for (var i = 0; i < 100 && high - low > 1e-9 * high; i++)
        {
            var mid = (low + high) / 2;
            if (ErlangCdf(k, mid) < p)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }

        return (low + high) / 2 / rate;
    }

    /// <summary>P(T ≤ x) for an Erlang(k, 1) variable: 1 − Σ_{i&lt;k} e^−x x^i / i!, summed in log space so large k and x do not underflow.</summary>
    public static double ErlangCdf(int k, double x)
    {
        if (x <= 0)
        {
            return 0;
        }

        var logX = Math.Log(x);
        var logTerm = -x;
        var logSum = logTerm;
        for (var i = 1; i < k; i++)
        {
            logTerm += logX - Math.Log(i);
            logSum = logSum > logTerm
                ? logSum + Math.Log(1 + Math.Exp(logTerm - logSum))
                : logTerm + Math.Log(1 + Math.Exp(logSum - logTerm));
        }

        return Math.Clamp(1 - Math.Exp(logSum), 0, 1);
    }
}

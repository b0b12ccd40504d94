namespace Kalm.Desk.Protection;

/// <summary>A period whose count rose significantly above its baseline.</summary>
/// <param name="Index">Position of the period in the series.</param>
/// <param name="Count">Hostile contacts in the period.</param>
/// <param name="Expected">The baseline mean: what a period like this one usually has.</param>
/// <param name="PValue">Probability of at least <paramref name="Count"/> if nothing had changed.</param>
public sealed record Spike(int Index, int Count, double Expected, double PValue);

/// <summary>
/// Finds periods (days or weeks) whose count of hostile contacts is significantly higher than the
/// same kind of period before, with an exact conditional test for two Poisson counts.
/// </summary>
/// <remarks>
/// Today's count <c>x</c> is compared with the <c>n</c> earlier periods <paramref name="period"/> apart
/// (for days with a period of 7: the same weekday of the previous <c>n</c> weeks, because Mondays are
/// busier than Sundays). If all of them are Poisson with one rate, then given the total
/// <c>s = x + b</c> the count <c>x</c> is Binomial(<c>s</c>, 1/(<c>n</c>+1)), whatever that rate is. The
/// p-value is the binomial upper tail P(X ≥ x). Unlike plugging the baseline mean into a Poisson test,
/// this accounts for the baseline being an estimate itself, so the false-alarm rate stays at or below
/// <c>alpha</c> for every rate, including small counts. Because counts are discrete the test is
/// conservative; see docs/protection.md for the simulated rate.
/// </remarks>
public static class SpikeTest
{
    /// <summary>Tests every period of <paramref name="counts"/> that has a full baseline behind it.</summary>
    /// <param name="counts">Counts per period, oldest first.</param>
    /// <param name="period">Distance between comparable periods: 7 for days (same weekday), 1 for weeks.</param>
    /// <param name="baselinePeriods">How many earlier comparable periods form the baseline.</param>
    /// <param name="alpha">One-sided significance level: the highest accepted false-alarm rate per tested period.</param>
    /// <param name="minimumCount">Counts below this are never a signal, however unusual, since one or two contacts do not make a trend.</param>
    /// <param name="firstIndex">The first index to test; earlier periods only serve as baseline.</param>
    public static IReadOnlyList<Spike> Detect(IReadOnlyList<int> counts, int period, int baselinePeriods, double alpha, int minimumCount, int firstIndex = 0)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(baselinePeriods, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(alpha);

        var spikes = new List<Spike>();
        for (var index = Math.Max(firstIndex, period * baselinePeriods); index < counts.Count; index++)
        {
            var count = counts[index];
            if (count < minimumCount)
            {
                continue;
            }

            var baseline = 0;
            for (var back = 1; back <= baselinePeriods; back++)
            {
                baseline += counts[index - (back * period)];
            }

            var pValue = BinomialUpperTail(count + baseline, 1.0 / (baselinePeriods + 1), count);
            if (pValue < alpha)
            {
                spikes.Add(new Spike(index, count, (double)baseline / baselinePeriods, pValue));
            }
        }

        return spikes;
    }

    /// <summary>P(X ≥ <paramref name="k"/>) for X ~ Binomial(<paramref name="n"/>, <paramref name="p"/>).</summary>
    public static double BinomialUpperTail(int n, double p, int k)
    {
        if (k <= 0)
        {
            return 1;
        }

        if (k > n)
        {
            return 0;
        }

        // Summed from k upwards with the ratio of successive terms; the first term in logs, because
        // C(n, k) overflows a double long before the probabilities stop mattering.
        var logTerm = LogChoose(n, k) + (k * Math.Log(p)) + ((n - k) * Math.Log(1 - p));
        var term = Math.Exp(logTerm);
        var sum = 0.0;
        var ratio = p / (1 - p);
        for (var i = k; i <= n; i++)
        {
            sum += term;
            term *= (double)(n - i) / (i + 1) * ratio;
            if (term < sum * 1e-17)
            {
                break;
            }
        }

        return Math.Min(1, sum);
    }

    private static double LogChoose(int n, int k)
    {
        k = Math.Min(k, n - k);
        var result = 0.0;
        for (var i = 1; i <= k; i++)
        {
            result += Math.Log((double)(n - k + i) / i);
        }

        return result;
    }
}

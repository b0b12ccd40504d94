using Kalm.Desk.Protection;
using Xunit.Abstractions;

namespace Kalm.Desk.Tests.Protection;

/// <summary>The trend signal's statistical test on synthetic series with a known answer.</summary>
public sealed class SpikeTestTests(ITestOutputHelper output)
{
    private static readonly TrendOptions Defaults = new();

    private static IReadOnlyList<Spike> Daily(IReadOnlyList<int> counts) =>
        SpikeTest.Detect(counts, 7, Defaults.BaselineWeeks, Defaults.Alpha, Defaults.MinimumCount);

    /// <summary>Poisson draws by inversion, from a fixed seed so every run sees the same series.</summary>
    private static int[] Poisson(Random random, int length, Func<int, double> rate)
    {
        var series = new int[length];
        for (var i = 0; i < length; i++)
        {
            var lambda = rate(i);
            var u = random.NextDouble();
            var k = 0;
            var p = Math.Exp(-lambda);
            var cumulative = p;
            while (u > cumulative && k < 10_000)
            {
                k++;
                p *= lambda / k;
                cumulative += p;
            }

            series[i] = k;
        }

        return series;
    }

    [Fact]
    public void The_binomial_tail_matches_exact_values()
    {
        // P(X >= 3) for Binomial(5, 1/2) = (10 + 5 + 1) / 32.
        Assert.Equal(0.5, SpikeTest.BinomialUpperTail(5, 0.5, 3), 12);
        Assert.Equal(1.0, SpikeTest.BinomialUpperTail(5, 0.2, 0), 12);
        Assert.Equal(0.0, SpikeTest.BinomialUpperTail(5, 0.2, 6), 12);
        Assert.Equal(Math.Pow(0.2, 5), SpikeTest.BinomialUpperTail(5, 0.2, 5), 15);
        // Large totals stay finite and in range.
        var tail = SpikeTest.BinomialUpperTail(20_000, 1.0 / 9, 2_300);
        Assert.InRange(tail, 1e-6, 0.1);
    }

    [Fact]
    public void A_spike_in_a_steady_series_is_found_on_its_day_and_nowhere_else()
    {
        var counts = Poisson(new Random(5), 120, _ => 4);
        counts[100] = 18;

        var spikes = Daily(counts);

        var spike = Assert.Single(spikes);
        Assert.Equal(100, spike.Index);
        Assert.Equal(18, spike.Count);
        Assert.InRange(spike.Expected, 2, 6);
        Assert.True(spike.PValue < Defaults.Alpha);
    }

    [Fact]
    public void Busy_mondays_are_not_a_signal_because_each_day_is_compared_with_its_own_weekday()
    {
        // Ten a day on weekdays, one at weekends: a test against the 28-day mean would flag every Monday.
        var counts = Poisson(new Random(11), 16 * 7, i => i % 7 < 5 ? 10 : 1);

        Assert.Empty(Daily(counts));
    }

    [Fact]
    public void A_weekly_series_finds_the_week_of_a_mailing()
    {
        var counts = Poisson(new Random(3), 30, _ => 25);
        counts[20] = 60;

        var spikes = SpikeTest.Detect(counts, 1, Defaults.BaselineWeeks, Defaults.Alpha, Defaults.MinimumCount);

        Assert.Equal(20, Assert.Single(spikes).Index);
    }

    [Fact]
    public void Small_counts_are_never_a_signal()
    {
        var counts = new int[70];
        counts[69] = 2;

        Assert.Empty(Daily(counts));
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(20)]
    [InlineData(60)]
    public void A_stationary_series_alarms_at_most_at_the_documented_rate(double rate)
    {
        // 50,000 tested days per rate. The documented bound is alpha (0.001) per tested day;
        // docs/protection.md states the simulated rates.
        var counts = Poisson(new Random(2026), 50_000 + 56, _ => rate);

        var spikes = Daily(counts);

        var falseAlarmRate = (double)spikes.Count / 50_000;
        output.WriteLine($"rate {rate}/day: {spikes.Count} alarms in 50,000 days = {falseAlarmRate:0.00000}");
        Assert.True(falseAlarmRate <= Defaults.Alpha, $"rate {rate}: {spikes.Count} alarms in 50,000 days ({falseAlarmRate:0.00000})");
    }
}

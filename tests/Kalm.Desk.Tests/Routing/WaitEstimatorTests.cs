using Kalm.Desk.Routing;

namespace Kalm.Desk.Tests.Routing;

public class WaitEstimatorTests
{
    [Theory]
    [InlineData(0.2)]
    [InlineData(0.5)]
    [InlineData(0.8)]
    public void The_first_departure_follows_the_exponential_distribution(double p)
    {
        // Erlang(1, rate) is exponential: its p-quantile is -ln(1 - p) / rate.
        Assert.Equal(-Math.Log(1 - p) / 2.5, WaitEstimator.ErlangQuantile(1, 2.5, p), 6);
    }

    [Fact]
    public void The_median_of_many_departures_approaches_their_mean()
    {
        // Erlang(k, 1) has mean k and median close to k - 1/3.
        Assert.Equal(400 - (1.0 / 3), WaitEstimator.ErlangQuantile(400, 1, 0.5), 1);
        Assert.InRange(WaitEstimator.ErlangCdf(2000, 2000), 0.49, 0.51);
    }

    [Fact]
    public void A_free_agent_means_well_under_a_minute()
    {
        var estimate = WaitEstimator.Estimate(position: 1, departuresInWindow: 0, servingSlots: 4, freeSlots: 1, TimeSpan.FromMinutes(7.5));

        Assert.NotNull(estimate);
        Assert.Equal(TimeSpan.Zero, estimate.Low);
        Assert.Equal("minder dan een minuut", estimate.Describe("nl-NL"));
    }

    [Fact]
    public void Without_enough_history_the_capacity_and_handle_time_set_the_rate()
    {
        // Four busy slots and 7.5 minutes per conversation: departures at 0.533 a minute.
        var estimate = WaitEstimator.Estimate(position: 3, departuresInWindow: 2, servingSlots: 4, freeSlots: 0, TimeSpan.FromMinutes(7.5))!;

        Assert.Equal(WaitBasis.Capacity, estimate.Basis);
        Assert.Equal(4 / 7.5, estimate.PerMinute, 6);
        Assert.Equal(WaitEstimator.ErlangQuantile(3, 4 / 7.5, 0.2), estimate.Low.TotalMinutes, 3);
        Assert.Equal(WaitEstimator.ErlangQuantile(3, 4 / 7.5, 0.8), estimate.High.TotalMinutes, 3);
    }

    [Fact]
    public void With_enough_history_the_observed_rate_wins()
    {
        var estimate = WaitEstimator.Estimate(position: 10, departuresInWindow: 30, servingSlots: 4, freeSlots: 0, TimeSpan.FromMinutes(7.5))!;

        Assert.Equal(WaitBasis.Observed, estimate.Basis);
        Assert.Equal(1, estimate.PerMinute, 6);
        Assert.InRange(estimate.Low.TotalMinutes, 6, 10);
        Assert.InRange(estimate.High.TotalMinutes, 10, 14);
        Assert.Equal("ongeveer 5–15 minuten", estimate.Describe("nl"));
        Assert.Equal("about 5–15 minutes", estimate.Describe("en"));
    }

    [Fact]
    public void Later_positions_wait_longer()
    {
        var previous = TimeSpan.Zero;
        for (var position = 1; position <= 50; position++)
        {
            var estimate = WaitEstimator.Estimate(position, departuresInWindow: 12, servingSlots: 6, freeSlots: 0, TimeSpan.FromMinutes(5))!;
            Assert.True(estimate.High > previous, $"position {position}");
            Assert.True(estimate.Low < estimate.High);
            previous = estimate.High;
        }
    }

    [Fact]
    public void Nobody_serving_and_no_history_gives_no_estimate()
    {
        Assert.Null(WaitEstimator.Estimate(position: 1, departuresInWindow: 0, servingSlots: 0, freeSlots: 0, TimeSpan.FromMinutes(7.5)));
    }
}

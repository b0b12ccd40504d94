using Kalm.Desk.Wellbeing;
using Kalm.Shield;

namespace Kalm.Desk.Tests.Wellbeing;

public class ExposureMeterTests
{
    private static readonly DateTimeOffset Start = new(2026, 5, 12, 9, 0, 0, TimeSpan.Zero);
    private static readonly WellbeingOptions Options = new() { HalfLifeMinutes = 60, BreakHalfLifeMinutes = 20 };

    [Fact]
    public void A_contact_adds_its_weight_and_halves_every_half_life()
    {
        var meter = new ExposureMeter(Options, Start);
        meter.Add(Start, Options.WeightOf(Severity.Threat));

        Assert.Equal(8, meter.LevelAt(Start), 6);
        Assert.Equal(4, meter.LevelAt(Start.AddMinutes(60)), 6);
        Assert.Equal(2, meter.LevelAt(Start.AddMinutes(120)), 6);
    }

    [Fact]
    public void A_break_lets_the_level_fall_faster()
    {
        var atWork = new ExposureMeter(Options, Start);
        atWork.Add(Start, 8);
        var onBreak = new ExposureMeter(Options, Start);
        onBreak.Add(Start, 8);
        onBreak.SetOffDesk(Start, true);

        Assert.Equal(4, atWork.LevelAt(Start.AddMinutes(60)), 6);
        Assert.Equal(1, onBreak.LevelAt(Start.AddMinutes(60)), 6);
    }

    [Fact]
    public void Contacts_and_breaks_add_up_in_order()
    {
        var meter = new ExposureMeter(Options, Start);
        meter.Add(Start, 3);
        meter.SetOffDesk(Start.AddMinutes(60), true);
        meter.SetOffDesk(Start.AddMinutes(80), false);
        meter.Add(Start.AddMinutes(80), 1);

        // 3 halves once at work (1.5), once on the 20-minute break (0.75), then 1 is added.
        Assert.Equal(1.75, meter.Level, 6);
        Assert.Equal(0.875, meter.LevelAt(Start.AddMinutes(140)), 6);
    }

    [Fact]
    public void Looking_back_in_time_does_not_change_the_level()
    {
        var meter = new ExposureMeter(Options, Start);
        meter.Add(Start.AddMinutes(10), 3);
        meter.AdvanceTo(Start);

        Assert.Equal(3, meter.LevelAt(Start), 6);
        Assert.Equal(Start.AddMinutes(10), meter.AsOf);
    }

    [Theory]
    [InlineData(Severity.None, 0)]
    [InlineData(Severity.Tone, 0)]
    [InlineData(Severity.Rude, 1)]
    [InlineData(Severity.Abusive, 3)]
    [InlineData(Severity.Threat, 8)]
    public void Weights_follow_the_severity(Severity severity, double weight) =>
        Assert.Equal(weight, new WellbeingOptions().WeightOf(severity));
}

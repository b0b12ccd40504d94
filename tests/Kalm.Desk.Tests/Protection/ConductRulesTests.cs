using Kalm.Desk.Protection;
using Kalm.Shield;

namespace Kalm.Desk.Tests.Protection;

public sealed class ConductRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 12, 12, 0, 0, TimeSpan.Zero);
    private static readonly ConductOptions Options = new();

    private static ConductLevel Evaluate(params (int DaysAgo, Severity Severity)[] history) =>
        ConductRules.Evaluate(history.Select(h => new ConductEvent(Now.AddDays(-h.DaysAgo), h.Severity)), Now, Options);

    [Fact]
    public void Tone_and_a_single_rude_message_raise_no_concern() =>
        Assert.Equal(ConductLevel.None, Evaluate((1, Severity.Tone), (2, Severity.Tone), (3, Severity.Rude)));

    [Fact]
    public void Three_rude_messages_in_a_month_call_for_caution() =>
        Assert.Equal(ConductLevel.Caution, Evaluate((1, Severity.Rude), (10, Severity.Rude), (29, Severity.Rude)));

    [Fact]
    public void Rude_messages_spread_over_more_than_a_month_do_not() =>
        Assert.Equal(ConductLevel.None, Evaluate((1, Severity.Rude), (40, Severity.Rude), (70, Severity.Rude)));

    [Fact]
    public void One_abusive_message_in_a_year_calls_for_caution_and_two_in_90_days_make_hostile()
    {
        Assert.Equal(ConductLevel.Caution, Evaluate((200, Severity.Abusive)));
        Assert.Equal(ConductLevel.Hostile, Evaluate((5, Severity.Abusive), (80, Severity.Abusive)));
        Assert.Equal(ConductLevel.Caution, Evaluate((5, Severity.Abusive), (120, Severity.Abusive)));
    }

    [Fact]
    public void A_threat_within_a_year_is_dangerous_and_older_history_is_forgotten()
    {
        Assert.Equal(ConductLevel.Dangerous, Evaluate((300, Severity.Threat)));
        Assert.Equal(ConductLevel.None, Evaluate((400, Severity.Threat), (500, Severity.Abusive)));
    }

    [Fact]
    public void The_thresholds_are_configurable()
    {
        var strict = new ConductOptions { HostileAfterAbusiveIn90Days = 1 };

        Assert.Equal(ConductLevel.Hostile, ConductRules.Evaluate([new ConductEvent(Now.AddDays(-3), Severity.Abusive)], Now, strict));
    }
}

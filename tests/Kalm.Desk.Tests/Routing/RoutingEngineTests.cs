using Kalm.Desk.Domain;
using Kalm.Desk.Routing;

namespace Kalm.Desk.Tests.Routing;

public class RoutingEngineTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 12, 10, 0, 0, TimeSpan.Zero);
    private static readonly RoutingOptions Options = new() { HostileCooldownMinutes = 20, HostileHoldSeconds = 60, ThreatHoldSeconds = 90, HostileHoldWrittenMinutes = 20 };
    private static readonly RoutingEngine Protective = new(RoutingPolicy.Protective, Options, exposureLimit: 8);
    private static readonly RoutingEngine RoundRobin = new(RoutingPolicy.RoundRobin, Options, exposureLimit: 8);

    private static readonly RoutingRequest CalmChat = new(Channel.Chat, [], null, ContactRisk.Calm);
    private static readonly RoutingRequest HostileChat = new(Channel.Chat, [], null, ContactRisk.Hostile, "abusive message");
    private static readonly RoutingRequest UnscreenedCall = new(Channel.Phone, [], null, ContactRisk.Uncertain, "unscreened call");

    private static AgentSnapshot Agent(
        string id,
        int idleMinutes = 10,
        double exposure = 0,
        int? minutesSinceHostile = null,
        bool available = true,
        int load = 0,
        int capacity = 2,
        string[]? skills = null,
        string[]? languages = null) =>
        new(id, id, available, skills ?? [], languages ?? [], capacity, load, Now.AddMinutes(-idleMinutes), exposure,
            minutesSinceHostile is { } m ? Now.AddMinutes(-m) : null);

    [Fact]
    public void Only_available_agents_with_room_the_skills_and_the_language_are_eligible()
    {
        var request = new RoutingRequest(Channel.Chat, ["facturatie"], "nl-BE", ContactRisk.Calm);
        AgentSnapshot[] agents =
        [
            Agent("away", idleMinutes: 90, available: false, skills: ["facturatie"]),
            Agent("full", idleMinutes: 80, load: 2, skills: ["facturatie"]),
            Agent("unskilled", idleMinutes: 70),
            Agent("english", idleMinutes: 60, skills: ["facturatie"], languages: ["en"]),
            Agent("dutch", idleMinutes: 5, skills: ["Facturatie"], languages: ["nl"]),
        ];

        var decision = RoundRobin.Choose(request, agents, Now, Now);

        Assert.Equal("dutch", decision.AgentId);
    }

    [Fact]
    public void Nobody_eligible_says_why()
    {
        var decision = RoundRobin.Choose(CalmChat, [Agent("a", load: 2), Agent("b", load: 2)], Now, Now);

        Assert.Null(decision.AgentId);
        Assert.False(decision.Held);
        Assert.Contains("capacity", decision.Reason, StringComparison.Ordinal);
        Assert.Contains("available", RoundRobin.Choose(CalmChat, [Agent("a", available: false)], Now, Now).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Round_robin_takes_the_longest_idle_whatever_they_went_through()
    {
        AgentSnapshot[] agents = [Agent("rested", idleMinutes: 3), Agent("shaken", idleMinutes: 9, exposure: 12, minutesSinceHostile: 2)];

        var decision = RoundRobin.Choose(HostileChat, agents, Now, Now);

        Assert.Equal("shaken", decision.AgentId);
        Assert.StartsWith("Longest idle (9 min) of 2 eligible agents", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hostile_contact_does_not_go_to_an_agent_who_just_had_one_while_another_is_free()
    {
        AgentSnapshot[] agents = [Agent("just-had-one", idleMinutes: 30, exposure: 0.5, minutesSinceHostile: 5), Agent("other", idleMinutes: 1, exposure: 1.5)];

        var decision = Protective.Choose(HostileChat, agents, Now, Now);

        Assert.Equal("other", decision.AgentId);
        Assert.Contains("no hostile contact in the last 20 min", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hostile_contact_goes_to_the_lowest_exposure_and_the_skill_decides_between_equals()
    {
        AgentSnapshot[] agents =
        [
            Agent("skilled-but-loaded", idleMinutes: 30, exposure: 1.6, skills: ["de-escalatie"]),
            Agent("fresh", idleMinutes: 1, exposure: 0.2),
            Agent("fresh-and-skilled", idleMinutes: 1, exposure: 0.9, skills: ["de-escalatie"]),
        ];

        var decision = Protective.Choose(HostileChat, agents, Now, Now);

        Assert.Equal("fresh-and-skilled", decision.AgentId);
        Assert.Contains("has the de-escalatie skill", decision.Reason, StringComparison.Ordinal);
        Assert.Equal("fresh", Protective.Choose(HostileChat, agents[..2], Now, Now).AgentId);
    }

    [Fact]
    public void A_hostile_contact_waits_briefly_for_a_rested_agent_then_goes_to_the_best_one()
    {
        AgentSnapshot[] agents = [Agent("tired", exposure: 9), Agent("recent", exposure: 1, minutesSinceHostile: 3)];

        var held = Protective.Choose(HostileChat, agents, Now, heldSince: Now.AddSeconds(-30));
        var after = Protective.Choose(HostileChat, agents, Now, heldSince: Now.AddSeconds(-61));
        var mail = Protective.Choose(HostileChat with { Channel = Channel.Email }, agents, Now, heldSince: Now.AddSeconds(-61));

        Assert.True(held.Held);
        Assert.Null(held.AgentId);
        Assert.StartsWith("Held for a rested agent", held.Reason, StringComparison.Ordinal);
        Assert.Equal("tired", after.AgentId);
        Assert.Contains("over the limit", after.Reason, StringComparison.Ordinal);
        Assert.True(mail.Held);
        Assert.True(Protective.Choose(HostileChat with { ThreatExpected = true }, agents, Now, heldSince: Now.AddSeconds(-61)).Held);
        Assert.Equal("tired", Protective.Choose(HostileChat with { ThreatExpected = true }, agents, Now, heldSince: Now.AddSeconds(-91)).AgentId);
        Assert.Equal(Now.AddSeconds(-61).AddMinutes(20), Protective.HoldEndsAt(HostileChat with { Channel = Channel.Email }, Now.AddSeconds(-61)));
    }

    [Fact]
    public void Calm_work_goes_first_to_the_agent_who_needs_calmer_work_and_uncertain_calls_to_the_rested()
    {
        AgentSnapshot[] agents = [Agent("rested", idleMinutes: 10, exposure: 0.5), Agent("shaken", idleMinutes: 2, exposure: 9)];

        var calm = Protective.Choose(CalmChat, agents, Now, Now);
        var call = Protective.Choose(UnscreenedCall, agents, Now, Now);

        Assert.Equal("shaken", calm.AgentId);
        Assert.StartsWith("Calm contact for an agent who needs calmer work", calm.Reason, StringComparison.Ordinal);
        Assert.Equal("rested", call.AgentId);
        Assert.False(Protective.Choose(UnscreenedCall, [agents[1]], Now, Now).Held);
    }

    [Fact]
    public void An_agent_due_for_rotation_gets_the_queue_only_when_nobody_else_is_free()
    {
        AgentSnapshot[] agents = [Agent("two-hours-in", idleMinutes: 30) with { RotationDue = true }, Agent("fresh", idleMinutes: 1)];

        Assert.Equal("fresh", Protective.Choose(CalmChat, agents, Now, Now).AgentId);
        Assert.Equal("two-hours-in", RoundRobin.Choose(CalmChat, agents, Now, Now).AgentId);
        var alone = Protective.Choose(CalmChat, [agents[0]], Now, Now);
        Assert.Equal("two-hours-in", alone.AgentId);
        Assert.EndsWith("Rotation was due for this agent in this queue, but nobody else was free.", alone.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decisions_do_not_depend_on_the_order_of_the_agents()
    {
        AgentSnapshot[] agents = [Agent("a", idleMinutes: 5, exposure: 1), Agent("b", idleMinutes: 5, exposure: 1), Agent("c", idleMinutes: 5, exposure: 1)];

        var forward = Protective.Choose(HostileChat, agents, Now, Now).AgentId;
        var backward = Protective.Choose(HostileChat, [.. agents.Reverse()], Now, Now).AgentId;

        Assert.Equal(forward, backward);
    }
}

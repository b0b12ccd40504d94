using System.Diagnostics;
using System.Text.Json;
using Kalm.Desk.Routing;
using Kalm.Desk.Routing.Simulation;
using Kalm.Desk.Wellbeing;

namespace Kalm.Desk.Tests.Routing;

public class SimulatorTests
{
    [Fact]
    public void The_same_seed_gives_the_same_day_and_each_policy_sees_the_same_contacts()
    {
        var settings = new SimulationSettings(Agents: 10, Hours: 4, Seed: 7);
        var first = new ContactCentreSimulator(settings, new WellbeingOptions(), new RoutingOptions()).RunAll();
        var second = new ContactCentreSimulator(settings, new WellbeingOptions(), new RoutingOptions()).RunAll();

        Assert.Equal(first, second);
        Assert.Equal(["round-robin", "protective"], first.Select(r => r.Name));
        Assert.Equal(first[0].Contacts, first[1].Contacts);
        Assert.Equal(first[0].HostileContacts, first[1].HostileContacts);
        Assert.InRange(first[0].Contacts, settings.ArrivalsPerHour * 4 * 0.8, settings.ArrivalsPerHour * 4 * 1.2);
    }

    [Fact]
    public void A_day_without_hostility_leaves_every_agent_at_zero()
    {
        var results = new ContactCentreSimulator(new SimulationSettings(Agents: 8, Hours: 2, HostileShare: 0), new WellbeingOptions(), new RoutingOptions()).RunAll();

        Assert.All(results, r =>
        {
            Assert.Equal(0, r.PeakExposure);
            Assert.Equal(0, r.AgentsOverThreshold);
            Assert.Equal(0, r.HostileContacts);
        });
        Assert.Equal(results[0].ServiceLevel, results[1].ServiceLevel);
    }

    [Fact]
    public void More_agents_for_the_same_contacts_shorten_the_waits()
    {
        var crowded = new SimulationSettings(Agents: 10, Hours: 4, Occupancy: 0.95);
        var roomy = crowded with { Occupancy = 0.6 };

        var busy = new ContactCentreSimulator(crowded, new WellbeingOptions(), new RoutingOptions()).RunAll()[0];
        var quiet = new ContactCentreSimulator(roomy, new WellbeingOptions(), new RoutingOptions()).RunAll()[0];

        Assert.True(quiet.WaitAvgSeconds < busy.WaitAvgSeconds, $"{quiet.WaitAvgSeconds} < {busy.WaitAvgSeconds}");
        Assert.True(quiet.ServiceLevel > busy.ServiceLevel, $"{quiet.ServiceLevel} > {busy.ServiceLevel}");
    }

    [Fact]
    public void Protective_routing_spares_agents_time_over_the_threshold_at_little_cost_in_service_level()
    {
        // Summed over several days, so one unlucky day does not decide.
        double roundRobinMinutes = 0, protectiveMinutes = 0, serviceLevelLoss = 0;
        for (var seed = 1; seed <= 6; seed++)
        {
            var results = new ContactCentreSimulator(new SimulationSettings(Seed: seed), new WellbeingOptions(), new RoutingOptions()).RunAll();
            roundRobinMinutes += results[0].MinutesOverThreshold;
            protectiveMinutes += results[1].MinutesOverThreshold;
            serviceLevelLoss = Math.Max(serviceLevelLoss, results[0].ServiceLevel - results[1].ServiceLevel);
        }

        Assert.True(protectiveMinutes < 0.8 * roundRobinMinutes, $"{protectiveMinutes} vs {roundRobinMinutes} minutes over the threshold");
        Assert.True(serviceLevelLoss <= 0.02, $"service level lost {serviceLevelLoss:P1}");
    }

    [Fact]
    public void Agents_who_take_the_suggested_breaks_spend_less_time_over_the_threshold_and_the_desk_has_fewer_hands()
    {
        double minutesWithout = 0, minutesWith = 0, serviceWithout = 0, serviceWith = 0;
        for (var seed = 1; seed <= 4; seed++)
        {
            var day = new SimulationSettings(Seed: seed, HostileShare: 0.12);
            var without = new ContactCentreSimulator(day, new WellbeingOptions(), new RoutingOptions()).RunAll()[0];
            var with = new ContactCentreSimulator(day with { BreakAcceptance = 1 }, new WellbeingOptions(), new RoutingOptions()).RunAll()[0];
            (minutesWithout, minutesWith) = (minutesWithout + without.MinutesOverThreshold, minutesWith + with.MinutesOverThreshold);
            (serviceWithout, serviceWith) = (serviceWithout + without.ServiceLevel, serviceWith + with.ServiceLevel);
        }

        Assert.True(minutesWith < 0.8 * minutesWithout, $"{minutesWith} vs {minutesWithout} minutes over the threshold");
        Assert.True(serviceWith < serviceWithout, $"service level {serviceWith / 4:P1} with breaks, {serviceWithout / 4:P1} without");
    }

    [Fact]
    public async Task The_desk_runs_the_simulation_from_the_command_line_as_json()
    {
        var desk = Path.Combine(AppContext.BaseDirectory, "Kalm.Desk.dll");
        var start = new ProcessStartInfo("dotnet", [desk, "simulate", "--agents", "6", "--hours", "1", "--seed", "3", "--json"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(0, process.ExitCode);
        using var json = JsonDocument.Parse(output);
        var policies = json.RootElement.GetProperty("policies").EnumerateArray().ToList();
        Assert.Equal(["round-robin", "protective"], policies.Select(p => p.GetProperty("name").GetString()));
        foreach (var field in new[] { "peakExposure", "agentsOverThreshold", "minutesOverThreshold", "waitAvgSeconds", "waitP90Seconds", "serviceLevel" })
        {
            Assert.All(policies, p => Assert.True(p.GetProperty(field).GetDouble() >= 0, field));
        }
    }

    [Fact]
    public async Task A_bad_argument_is_refused_with_the_usage()
    {
        var desk = Path.Combine(AppContext.BaseDirectory, "Kalm.Desk.dll");
        using var process = Process.Start(new ProcessStartInfo("dotnet", [desk, "simulate", "--agents", "none"]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("'none' is not a valid value for '--agents'", error, StringComparison.Ordinal);
        Assert.Contains("usage: simulate", error, StringComparison.Ordinal);
    }
}

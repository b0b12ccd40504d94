using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Kalm.Desk.Wellbeing;

namespace Kalm.Desk.Routing.Simulation;

/// <summary>
/// <c>dotnet run --project src/Kalm.Desk -- simulate [--agents 20] [--hours 8] [--hostile-share 0.08] [--seed 1] [--json]</c>:
/// a simulated day per routing policy, without starting the web server. Thresholds and weights
/// come from the same <c>Kalm:Wellbeing</c> and <c>Kalm:Routing</c> settings as the desk.
/// </summary>
public static class SimulateCommand
{
    public const string Name = "simulate";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Runs the command; returns the process exit code (2 for bad arguments).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(configuration);
        if (!TryParse(args, out var settings, out var json, out var problem))
        {
            error.WriteLine(problem);
            error.WriteLine("usage: simulate [--agents 20] [--hours 8] [--hostile-share 0.08] [--seed 1] [--occupancy 0.85] [--break-acceptance 0] [--json]");
            return 2;
        }

        var wellbeing = configuration.GetSection(WellbeingOptions.Section).Get<WellbeingOptions>() ?? new WellbeingOptions();
        var routing = configuration.GetSection(RoutingOptions.Section).Get<RoutingOptions>() ?? new RoutingOptions();
        var results = new ContactCentreSimulator(settings, wellbeing, routing).RunAll();

        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(new { settings = Describe(settings, wellbeing), policies = results }, Json));
        }
        else
        {
            WriteTable(output, settings, wellbeing, results);
        }

        return 0;
    }

    private static object Describe(SimulationSettings settings, WellbeingOptions wellbeing) => new
    {
        settings.Agents,
        settings.Hours,
        settings.HostileShare,
        settings.Seed,
        settings.Occupancy,
        settings.BreakAcceptance,
        ArrivalsPerHour = Math.Round(settings.ArrivalsPerHour, 1),
        Threshold = wellbeing.SuggestBreakAt,
        wellbeing.HalfLifeMinutes,
    };

    private static void WriteTable(TextWriter output, SimulationSettings settings, WellbeingOptions wellbeing, IReadOnlyList<PolicyResult> results)
    {
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Simulated day: {settings.Agents} agents, {settings.Hours} h, {settings.ArrivalsPerHour:0} contacts/h, hostile share {settings.HostileShare:P0}, seed {settings.Seed}; break suggested at exposure {wellbeing.SuggestBreakAt}."));
        output.WriteLine();
        output.WriteLine("| policy | peak exposure | agents over threshold | minutes over threshold | wait avg (s) | wait p90 (s) | service level | estimate in range (queued) | estimate median error (s) |");
        output.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in results)
        {
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {r.Name} | {r.PeakExposure:0.0} | {r.AgentsOverThreshold} | {r.MinutesOverThreshold:0} | {r.WaitAvgSeconds:0.0} | {r.WaitP90Seconds:0.0} | {r.ServiceLevel:P1} | {r.EstimateCoverage:P0} ({r.QueuedEstimateCoverage:P0}) | {r.EstimateMedianErrorSeconds:0} |"));
        }
    }

    private static bool TryParse(string[] args, out SimulationSettings settings, out bool json, out string? problem)
    {
        settings = new SimulationSettings();
        json = false;
        problem = null;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name == "--json")
            {
                json = true;
                continue;
            }

            if (i + 1 >= args.Length)
            {
                problem = $"'{name}' needs a value.";
                return false;
            }

            var value = args[++i];
            switch (name)
            {
                case "--agents" when int.TryParse(value, CultureInfo.InvariantCulture, out var agents) && agents is >= 1 and <= 5000:
                    settings = settings with { Agents = agents };
                    break;
                case "--hours" when double.TryParse(value, CultureInfo.InvariantCulture, out var hours) && hours is > 0 and <= 24 * 7:
                    settings = settings with { Hours = hours };
                    break;
                case "--hostile-share" when double.TryParse(value, CultureInfo.InvariantCulture, out var share) && share is >= 0 and <= 1:
                    settings = settings with { HostileShare = share };
                    break;
                case "--seed" when int.TryParse(value, CultureInfo.InvariantCulture, out var seed):
                    settings = settings with { Seed = seed };
                    break;
                case "--occupancy" when double.TryParse(value, CultureInfo.InvariantCulture, out var occupancy) && occupancy is > 0 and < 1:
                    settings = settings with { Occupancy = occupancy };
                    break;
                case "--break-acceptance" when double.TryParse(value, CultureInfo.InvariantCulture, out var acceptance) && acceptance is >= 0 and <= 1:
                    settings = settings with { BreakAcceptance = acceptance };
                    break;
                case "--agents" or "--hours" or "--hostile-share" or "--seed" or "--occupancy" or "--break-acceptance":
                    problem = $"'{value}' is not a valid value for '{name}' (agents 1–5000, hours up to 168, shares between 0 and 1).";
                    return false;
                default:
                    problem = $"Unknown option '{name}'.";
                    return false;
            }
        }

        return true;
    }
}

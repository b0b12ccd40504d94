using Kalm.Desk.Domain;
using Kalm.Desk.Wellbeing;
using Kalm.Shield;

namespace Kalm.Desk.Routing.Simulation;

/// <summary>The day to simulate.</summary>
/// <param name="Agents">Agents on shift the whole day, each taking one contact at a time.</param>
/// <param name="Hours">Length of the day.</param>
/// <param name="HostileShare">Share of contacts that are rude, abusive or threatening.</param>
/// <param name="Seed">Seed of the random day; the same seed gives the same day for every policy.</param>
/// <param name="Occupancy">Offered load per agent, from which the arrival rate follows.</param>
/// <param name="BreakAcceptance">
/// Share of break suggestions agents take: when a contact leaves them at or over the threshold, they go
/// off the desk for the time-out's length, as the desk suggests. The same for every policy.
/// </param>
public sealed record SimulationSettings(int Agents = 20, double Hours = 8, double HostileShare = 0.08, int Seed = 1, double Occupancy = 0.85, double BreakAcceptance = 0)
{
    /// <summary>Share of contacts per channel.</summary>
    public static readonly IReadOnlyList<(Channel Channel, double Share, double MeanHandleMinutes)> Mix =
    [
        (Channel.Phone, 0.45, 6),
        (Channel.Chat, 0.35, 8),
        (Channel.Email, 0.20, 5),
    ];

    /// <summary>Of the hostile contacts, the share per severity.</summary>
    public static readonly IReadOnlyList<(Severity Severity, double Share)> HostileMix =
    [
        (Severity.Rude, 0.50),
        (Severity.Abusive, 0.35),
        (Severity.Threat, 0.15),
    ];

    /// <summary>Every third agent is trained in de-escalation.</summary>
    public const int DeEscalationEvery = 3;

    /// <summary>Live contacts must be answered within this to count for the service level.</summary>
    public static readonly TimeSpan ServiceLevelTarget = TimeSpan.FromSeconds(20);

    /// <summary>A phone call's hostility is known before it is answered only from the caller's conduct record: half the time.</summary>
    public const double PhoneHostilityKnownShare = 0.5;

    public double ArrivalsPerHour => Occupancy * Agents * 60 / Mix.Sum(m => m.Share * m.MeanHandleMinutes);
}

/// <summary>What one policy did to the simulated day.</summary>
/// <param name="PeakExposure">The highest exposure level any agent reached.</param>
/// <param name="AgentsOverThreshold">Agents whose level reached the break-suggestion threshold at least once.</param>
/// <param name="MinutesOverThreshold">Agent-minutes spent at or above that threshold, summed over agents.</param>
/// <param name="WaitAvgSeconds">Average wait of live contacts (phone, chat).</param>
/// <param name="WaitP90Seconds">90th-percentile wait of live contacts.</param>
/// <param name="ServiceLevel">Share of live contacts answered within 20 s.</param>
/// <param name="EstimateCoverage">Share of live contacts whose actual wait fell inside the range Kalm would have told them on arrival.</param>
/// <param name="QueuedEstimateCoverage">The same, for contacts that found no free agent on arrival.</param>
/// <param name="EstimateMedianErrorSeconds">Median absolute difference between the actual wait and the middle of the range, for contacts that queued.</param>
public sealed record PolicyResult(
    string Name,
    double PeakExposure,
    int AgentsOverThreshold,
    double MinutesOverThreshold,
    double WaitAvgSeconds,
    double WaitP90Seconds,
    double ServiceLevel,
    int Contacts,
    int HostileContacts,
    double EstimateCoverage,
    double QueuedEstimateCoverage,
    double EstimateMedianErrorSeconds);

/// <summary>
/// Runs a contact-centre day on a virtual clock through the real <see cref="RoutingEngine"/>,
/// <see cref="ExposureMeter"/> and <see cref="WaitEstimator"/>, once per policy on the same arrivals.
/// Live contacts (phone, chat) are served before e-mail, first come first served within each.
/// </summary>
public sealed class ContactCentreSimulator(SimulationSettings settings, WellbeingOptions wellbeing, RoutingOptions routing)
{
    private static readonly DateTimeOffset DayStart = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

    public IReadOnlyList<PolicyResult> RunAll()
    {
        var arrivals = GenerateArrivals();
        return [Run(RoutingPolicy.RoundRobin, arrivals), Run(RoutingPolicy.Protective, arrivals)];
    }

    /// <summary>Simulates <paramref name="arrivals"/> under <paramref name="policy"/>.</summary>
    public PolicyResult Run(RoutingPolicy policy, IReadOnlyList<Arrival> arrivals)
    {
        ArgumentNullException.ThrowIfNull(arrivals);
        var clock = new SimulationClock(DayStart);
        var engine = routing.CreateEngine(wellbeing, policy);
        var threshold = wellbeing.SuggestBreakAt;
        var agents = Enumerable.Range(0, settings.Agents).Select(i => new SimAgent(i, wellbeing, DayStart)).ToList();
        var breaks = new Random(settings.Seed);
        var live = new List<Waiting>();
        var email = new List<Waiting>();
        var waits = new List<double>();
        var dispatchedLive = new Queue<DateTimeOffset>();
        var liveHandled = (Count: 0, Minutes: 0.0);
        var estimates = new List<(bool Queued, bool Covered, double Error)>();
        var next = 0;
        var end = DayStart.AddHours(settings.Hours);

        while (next < arrivals.Count || live.Count > 0 || email.Count > 0 || agents.Any(a => a.Busy))
        {
            var nextArrival = next < arrivals.Count ? arrivals[next].At : DateTimeOffset.MaxValue;
            var nextFree = agents.Where(a => a.Busy || a.OnBreak).Select(a => a.Busy ? a.BusyUntil : a.BreakUntil).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
            var nextHoldEnd = live.Concat(email).Where(w => w.HeldSince is not null).Select(w => engine.HoldEndsAt(w.Arrival.Request, w.HeldSince!.Value))
                .Where(end => end > clock.GetUtcNow()).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
            var at = new[] { nextArrival, nextFree, nextHoldEnd }.Min();
            clock.AdvanceTo(at);
            foreach (var agent in agents.Where(a => a.Busy && a.BusyUntil <= at))
            {
                if (agent.CurrentIsLive)
                {
                    liveHandled = (liveHandled.Count + 1, liveHandled.Minutes + agent.CurrentHandleMinutes);
                }

                agent.Busy = false;
                agent.IdleSince = at;
                if (agent.BreakSuggested(at, threshold) && breaks.NextDouble() < settings.BreakAcceptance)
                {
                    agent.TakeBreak(at, TimeSpan.FromMinutes(wellbeing.TimeOutMinutes), threshold);
                }
            }

            foreach (var agent in agents.Where(a => a.OnBreak && a.BreakUntil <= at))
            {
                agent.EndBreak(at, threshold);
            }

            while (next < arrivals.Count && arrivals[next].At <= at)
            {
                var arrival = arrivals[next++];
                var waiting = new Waiting(arrival);
                if (arrival.IsLive)
                {
                    waiting.Estimate = EstimateFor(live.Count + 1, agents, dispatchedLive, liveHandled, at);
                    waiting.FoundFreeAgent = agents.Count(a => a.Free) > live.Count;
                    live.Add(waiting);
                }
                else
                {
                    email.Add(waiting);
                }
            }

            // Live contacts first, each queue in order of arrival; a held hostile contact lets the
            // free agent take the next one.
            foreach (var contact in live.Concat(email).ToList())
            {
                if (!agents.Any(a => a.Free))
                {
                    break;
                }

                var decision = engine.Choose(contact.Arrival.Request, [.. agents.Select(a => a.Snapshot(at))], at, contact.HeldSince ?? at);
                if (decision.Held)
                {
                    contact.HeldSince ??= at;
                }

                if (decision.AgentId is null)
                {
                    continue;
                }

                var agent = agents[int.Parse(decision.AgentId, System.Globalization.CultureInfo.InvariantCulture)];
                (contact.Arrival.IsLive ? live : email).Remove(contact);
                agent.Take(contact.Arrival, at, wellbeing, threshold);
                if (contact.Arrival.IsLive)
                {
                    var wait = (at - contact.Arrival.At).TotalSeconds;
                    waits.Add(wait);
                    dispatchedLive.Enqueue(at);
                    if (contact.Estimate is { } estimate)
                    {
                        var middle = (estimate.Low + estimate.High).TotalSeconds / 2;
                        estimates.Add((!contact.FoundFreeAgent, wait >= estimate.Low.TotalSeconds - 1 && wait <= estimate.High.TotalSeconds + 1, Math.Abs(wait - middle)));
                    }
                }
            }
        }

        foreach (var agent in agents)
        {
            agent.CloseDay(end > clock.GetUtcNow() ? end : clock.GetUtcNow(), threshold);
        }

        waits.Sort();
        var liveArrivals = arrivals.Count(a => a.IsLive);
        var queued = estimates.Where(e => e.Queued).ToList();
        return new PolicyResult(
            policy == RoutingPolicy.RoundRobin ? "round-robin" : "protective",
            Math.Round(agents.Max(a => a.Peak), 2),
            agents.Count(a => a.Peak >= threshold),
            Math.Round(agents.Sum(a => a.MinutesOver), 1),
            Math.Round(waits.Count == 0 ? 0 : waits.Average(), 1),
            Math.Round(Percentile(waits, 0.9), 1),
            Math.Round(waits.Count(w => w <= SimulationSettings.ServiceLevelTarget.TotalSeconds) / (double)Math.Max(1, liveArrivals), 4),
            arrivals.Count,
            arrivals.Count(a => a.Severity >= Severity.Rude),
            Math.Round(estimates.Count(e => e.Covered) / (double)Math.Max(1, estimates.Count), 3),
            Math.Round(queued.Count(e => e.Covered) / (double)Math.Max(1, queued.Count), 3),
            Math.Round(Percentile([.. queued.Select(e => e.Error).Order()], 0.5), 1));
    }

    /// <summary>The day's contacts, the same for every policy.</summary>
    public IReadOnlyList<Arrival> GenerateArrivals()
    {
        var random = new Random(settings.Seed);
        var perMinute = settings.ArrivalsPerHour / 60;
        var arrivals = new List<Arrival>();
        var at = DayStart;
        var end = DayStart.AddHours(settings.Hours);
        while (true)
        {
            at = at.AddMinutes(-Math.Log(1 - random.NextDouble()) / perMinute);
            if (at >= end)
            {
                return arrivals;
            }

            var (channel, _, meanHandle) = Pick(random, SimulationSettings.Mix, m => m.Share);
            var severity = random.NextDouble() < settings.HostileShare
                ? Pick(random, SimulationSettings.HostileMix, m => m.Share).Severity
                : Severity.None;
            var known = channel != Channel.Phone || random.NextDouble() < SimulationSettings.PhoneHostilityKnownShare;
            var (risk, because) = (known, severity) switch
            {
                (true, >= Severity.Abusive) => (ContactRisk.Hostile, severity.ToName() + (channel == Channel.Phone ? " caller on record" : " message")),
                (true, Severity.Rude) => (ContactRisk.Uncertain, "rude message"),
                (false, _) => (ContactRisk.Uncertain, "unscreened call"),
                _ when channel == Channel.Phone => (ContactRisk.Uncertain, "unscreened call"),
                _ => (ContactRisk.Calm, null),
            };

            // Handle times are log-normal with a coefficient of variation of about 0.6, as in most contact centres.
            const double sigma = 0.55;
            var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            var handle = meanHandle * Math.Exp((sigma * normal) - (sigma * sigma / 2));
            arrivals.Add(new Arrival(
                at,
                new RoutingRequest(channel, [], null, risk, because, ThreatExpected: known && severity == Severity.Threat),
                severity,
                TimeSpan.FromMinutes(handle)));
        }
    }

    private WaitEstimate? EstimateFor(int position, List<SimAgent> agents, Queue<DateTimeOffset> dispatched, (int Count, double Minutes) handled, DateTimeOffset now)
    {
        while (dispatched.Count > 0 && now - dispatched.Peek() > WaitEstimator.Window)
        {
            dispatched.Dequeue();
        }

        var averageHandle = handled.Count > 0
            ? TimeSpan.FromMinutes(handled.Minutes / handled.Count)
            : TimeSpan.FromSeconds(routing.HandleTimeGuidelineSeconds);
        return WaitEstimator.Estimate(position, dispatched.Count, agents.Count(a => !a.OnBreak), agents.Count(a => a.Free), averageHandle);
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items, Func<T, double> share)
    {
        var roll = random.NextDouble() * items.Sum(share);
        foreach (var item in items)
        {
            if ((roll -= share(item)) <= 0)
            {
                return item;
            }
        }

        return items[^1];
    }

    private static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    /// <summary>A contact of the simulated day.</summary>
    /// <param name="Severity">The worst Shield severity of the contact, known to routing only through <see cref="RoutingRequest.Hostile"/>.</param>
    public sealed record Arrival(DateTimeOffset At, RoutingRequest Request, Severity Severity, TimeSpan HandleTime)
    {
        public bool IsLive => Request.Channel is Channel.Phone or Channel.Chat;
    }

    private sealed class Waiting(Arrival arrival)
    {
        public Arrival Arrival { get; } = arrival;

        public WaitEstimate? Estimate { get; set; }

        public bool FoundFreeAgent { get; set; }

        /// <summary>When routing first held the contact for a better-placed agent, so a hold lasts its length once.</summary>
        public DateTimeOffset? HeldSince { get; set; }
    }

    private sealed class SimAgent(int index, WellbeingOptions wellbeing, DateTimeOffset start)
    {
        private readonly string _id = index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        private readonly string[] _skills = index % SimulationSettings.DeEscalationEvery == 0 ? ["de-escalatie"] : [];
        private ExposureMeter _meter = new(wellbeing, start);

        public bool Busy { get; set; }

        /// <summary>On a break the agent took when the desk suggested one.</summary>
        public bool OnBreak { get; private set; }

        public DateTimeOffset BreakUntil { get; private set; }

        public bool Free => !Busy && !OnBreak;

        /// <summary>Whether the desk suggests a break now: the level is over the threshold, and was not when the agent last declined or returned.</summary>
        private bool _suggested;

        public DateTimeOffset BusyUntil { get; private set; }

        public DateTimeOffset IdleSince { get; set; } = start;

        public bool CurrentIsLive { get; private set; }

        public double CurrentHandleMinutes { get; private set; }

        public double Peak { get; private set; }

        public double MinutesOver { get; private set; }

        private DateTimeOffset? _lastHostileAt;

        public AgentSnapshot Snapshot(DateTimeOffset now) =>
            new(_id, _id, Available: !OnBreak, _skills, [], Capacity: 1, Load: Busy ? 1 : 0, IdleSince, _meter.LevelAt(now), _lastHostileAt);

        /// <summary>True once each time the level crosses <paramref name="threshold"/>: the desk suggests a break then, not after every contact.</summary>
        public bool BreakSuggested(DateTimeOffset now, double threshold)
        {
            var over = _meter.LevelAt(now) >= threshold;
            var suggest = over && !_suggested;
            _suggested = over;
            return suggest;
        }

        public void TakeBreak(DateTimeOffset now, TimeSpan length, double threshold)
        {
            CountMinutesOver(now, threshold);
            OnBreak = true;
            BreakUntil = now + length;
            _meter.SetOffDesk(now, true);
        }

        public void EndBreak(DateTimeOffset now, double threshold)
        {
            CountMinutesOver(now, threshold);
            OnBreak = false;
            IdleSince = now;
            _meter.SetOffDesk(now, false);
        }

        public void Take(Arrival arrival, DateTimeOffset now, WellbeingOptions options, double threshold)
        {
            Busy = true;
            BusyUntil = now + arrival.HandleTime;
            CurrentIsLive = arrival.IsLive;
            CurrentHandleMinutes = arrival.HandleTime.TotalMinutes;
            var weight = options.WeightOf(arrival.Severity);
            if (weight <= 0)
            {
                return;
            }

            CountMinutesOver(now, threshold);
            _meter.Add(now, weight);
            Peak = Math.Max(Peak, _meter.Level);
            if (arrival.Severity >= Severity.Abusive)
            {
                _lastHostileAt = now;
            }
        }

        public void CloseDay(DateTimeOffset end, double threshold) => CountMinutesOver(end, threshold);

        /// <summary>Adds the minutes the level stays at or above <paramref name="threshold"/> from the last hit until <paramref name="until"/>.</summary>
        private void CountMinutesOver(DateTimeOffset until, double threshold)
        {
            var level = _meter.Level;
            var span = (until - _meter.AsOf).TotalMinutes;
            if (level >= threshold && span > 0)
            {
                var halfLife = _meter.OffDesk ? wellbeing.BreakHalfLifeMinutes : wellbeing.HalfLifeMinutes;
                var minutesToThreshold = Math.Log(level / threshold) / (Math.Log(2) / halfLife);
                MinutesOver += Math.Min(span, minutesToThreshold);
            }

            _meter.AdvanceTo(until);
        }
    }

    /// <summary>The virtual clock of a simulated day.</summary>
    private sealed class SimulationClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void AdvanceTo(DateTimeOffset at) => _now = at > _now ? at : _now;
    }
}

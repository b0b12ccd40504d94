using System.Globalization;
using Kalm.Desk.Domain;

namespace Kalm.Desk.Routing;

/// <summary>How a queue picks the agent for a waiting conversation.</summary>
public enum RoutingPolicy
{
    /// <summary>The eligible agent who has been idle longest, whatever they went through: the baseline.</summary>
    RoundRobin,

    /// <summary>As round-robin for calm contacts; hostile ones go to a rested agent with low exposure, preferably with the de-escalation skill.</summary>
    Protective,
}

/// <summary>What routing expects of a contact before an agent takes it.</summary>
public enum ContactRisk
{
    /// <summary>Shield read what the customer wrote and found nothing rude: calm work.</summary>
    Calm,

    /// <summary>Nobody knows yet (a phone call from a customer without a record), or the customer was rude.</summary>
    Uncertain,

    /// <summary>An abusive or threatening message, or a customer whose conduct record says hostile or dangerous.</summary>
    Hostile,
}

/// <summary>A conversation waiting for an agent, as routing sees it.</summary>
/// <param name="Channel">Capacity is counted per channel.</param>
/// <param name="RequiredSkills">Skills the queue requires; an agent needs all of them.</param>
/// <param name="Language">A BCP 47 language the agent must speak, when known.</param>
/// <param name="Risk">What the contact's messages so far and the customer's conduct record lead to expect.</param>
/// <param name="RiskBecause">Why, for the explanation.</param>
/// <param name="ThreatExpected">A threatening message so far, or a customer whose conduct level is dangerous.</param>
public sealed record RoutingRequest(
    Channel Channel,
    IReadOnlyList<string> RequiredSkills,
    string? Language,
    ContactRisk Risk,
    string? RiskBecause = null,
    bool ThreatExpected = false)
{
    public bool Hostile => Risk == ContactRisk.Hostile;
}

/// <summary>An agent of the queue at the moment of routing.</summary>
/// <param name="Available">Presence is available.</param>
/// <param name="Capacity">Conversations the agent takes at once on the request's channel.</param>
/// <param name="Load">Open conversations the agent has on that channel now.</param>
/// <param name="IdleSince">When the agent last got a conversation (or became available), for longest-idle.</param>
/// <param name="Exposure">The agent's exposure level now (<see cref="Wellbeing.ExposureMeter"/>).</param>
/// <param name="LastHostileAt">The agent's last hostile contact, if any.</param>
/// <param name="RotationDue">The agent has worked this hostile-heavy queue for the longest stretch a shift allows.</param>
public sealed record AgentSnapshot(
    string Id,
    string Name,
    bool Available,
    IReadOnlyCollection<string> Skills,
    IReadOnlyCollection<string> Languages,
    int Capacity,
    int Load,
    DateTimeOffset IdleSince,
    double Exposure,
    DateTimeOffset? LastHostileAt,
    bool RotationDue = false);

/// <summary>Where a conversation went and why; <see cref="AgentId"/> is null when nobody can take it now.</summary>
/// <param name="Held">Someone could take it, but it waits a little for an agent better placed to take a hostile contact.</param>
public sealed record RoutingDecision(string? AgentId, string Reason, bool Held = false);

/// <summary>
/// Chooses an agent for a conversation. Pure and deterministic, so the live desk and the
/// simulator run the same decisions, and every decision carries a sentence saying why.
/// </summary>
/// <param name="policy">How to choose.</param>
/// <param name="options">Cooldown, hold times and the de-escalation skill.</param>
/// <param name="exposureLimit">The exposure level above which an agent gets no hostile contact while someone under it is free.</param>
public sealed class RoutingEngine(RoutingPolicy policy, RoutingOptions options, double exposureLimit)
{
    private readonly TimeSpan _hostileCooldown = TimeSpan.FromMinutes(options.HostileCooldownMinutes);
    private readonly string _deEscalationSkill = options.DeEscalationSkill;

    public RoutingPolicy Policy { get; } = policy;

    /// <summary>Chooses the agent for <paramref name="request"/> among <paramref name="agents"/>.</summary>
    /// <param name="heldSince">
    /// When routing first held this contact for a better-placed agent, or <paramref name="now"/> if it never did.
    /// A hold counts from the first moment a free agent could have taken the contact, not from its arrival:
    /// a hostile call that queued for minutes while everyone was busy would otherwise go to whoever frees
    /// up first, however tired, while the next free agent takes a calm call instead.
    /// </param>
    public RoutingDecision Choose(RoutingRequest request, IReadOnlyList<AgentSnapshot> agents, DateTimeOffset now, DateTimeOffset heldSince)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(agents);

        AgentSnapshot? best = null;
        var eligible = 0;
        foreach (var agent in agents)
        {
            if (!IsEligible(agent, request))
            {
                continue;
            }

            eligible++;
            if (best is null || Compare(agent, best, request, now) < 0)
            {
                best = agent;
            }
        }

        if (best is null)
        {
            return new RoutingDecision(null, NobodyReason(request, agents));
        }

        if (Policy == RoutingPolicy.Protective && request.Hostile && !Rested(best, now) && now < HoldEndsAt(request, heldSince))
        {
            // Someone else frees up within seconds in a busy queue; a short hold spares the agent who
            // just had a hostile contact, and the free agent takes the next calm conversation instead.
            return new RoutingDecision(
                null,
                string.Create(CultureInfo.InvariantCulture, $"Held for a rested agent: every free agent had a hostile contact in the last {_hostileCooldown.TotalMinutes:0} min or an exposure of {RestedBelow:0.#} or more; at {HoldEndsAt(request, heldSince):HH:mm:ss} it goes to the best of them."),
                Held: true);
        }

        return new RoutingDecision(best.Id, Explain(best, eligible, request, now));
    }

    /// <summary>Until when a hostile contact held since <paramref name="heldSince"/> may wait for a rested agent; then it goes to the best free one.</summary>
    public DateTimeOffset HoldEndsAt(RoutingRequest request, DateTimeOffset heldSince)
    {
        ArgumentNullException.ThrowIfNull(request);
        return heldSince + (request.Channel, request.ThreatExpected) switch
        {
            (Channel.Phone or Channel.Chat, true) => TimeSpan.FromSeconds(options.ThreatHoldSeconds),
            (Channel.Phone or Channel.Chat, false) => TimeSpan.FromSeconds(options.HostileHoldSeconds),
            _ => TimeSpan.FromMinutes(options.HostileHoldWrittenMinutes),
        };
    }

    /// <summary>Exposure below which an agent counts as rested: a quarter of the limit, so a hostile contact leaves them well under it.</summary>
    private double RestedBelow => exposureLimit / 4;

    private bool WellPlaced(AgentSnapshot agent, DateTimeOffset now) => !RecentlyHostile(agent, now) && agent.Exposure < exposureLimit;

    private bool Rested(AgentSnapshot agent, DateTimeOffset now) => !RecentlyHostile(agent, now) && agent.Exposure < RestedBelow;

    private static bool IsEligible(AgentSnapshot agent, RoutingRequest request) =>
        agent.Available
        && agent.Load < agent.Capacity
        && request.RequiredSkills.All(skill => agent.Skills.Contains(skill, StringComparer.OrdinalIgnoreCase))
        && (request.Language is null || agent.Languages.Count == 0 || agent.Languages.Any(l => SameLanguage(l, request.Language)));

    private static bool SameLanguage(string a, string b) =>
        Primary(a).Equals(Primary(b), StringComparison.OrdinalIgnoreCase);

    private static ReadOnlySpan<char> Primary(string tag) => tag.AsSpan()[..(tag.IndexOf('-') is var dash and >= 0 ? dash : tag.Length)];

    /// <summary>Negative when <paramref name="a"/> should get the conversation rather than <paramref name="b"/>.</summary>
    private int Compare(AgentSnapshot a, AgentSnapshot b, RoutingRequest request, DateTimeOffset now)
    {
        if (Policy == RoutingPolicy.Protective)
        {
            // Rotation: after the longest stretch in a queue that carries many hostile contacts, an
            // agent gets its work only when nobody else of the queue is free.
            var byRotation = a.RotationDue.CompareTo(b.RotationDue);
            if (byRotation != 0)
            {
                return byRotation;
            }
        }

        if (Policy == RoutingPolicy.Protective && request.Risk != ContactRisk.Hostile)
        {
            // A contact of uncertain tone goes to a rested agent; calm work goes first to those who just
            // had a hostile contact or are over the limit: their calmer work.
            var byPlacement = WellPlaced(b, now).CompareTo(WellPlaced(a, now));
            if (byPlacement != 0)
            {
                return request.Risk == ContactRisk.Calm ? -byPlacement : byPlacement;
            }

            // Uncertain contacts (unscreened calls) carry some risk each: the least exposed take them.
            var byBand = Math.Floor(a.Exposure).CompareTo(Math.Floor(b.Exposure));
            if (request.Risk == ContactRisk.Uncertain && byBand != 0)
            {
                return byBand;
            }
        }

        if (Policy == RoutingPolicy.Protective && request.Hostile)
        {
            // In order: nobody who just had a hostile contact while someone else is free, nobody over
            // the exposure limit while someone is under it, then the lowest exposure, in steps of one
            // rude contact so that the de-escalation skill decides between agents about equally rested.
            var byCooldown = RecentlyHostile(a, now).CompareTo(RecentlyHostile(b, now));
            if (byCooldown != 0)
            {
                return byCooldown;
            }

            var byLimit = (a.Exposure >= exposureLimit).CompareTo(b.Exposure >= exposureLimit);
            if (byLimit != 0)
            {
                return byLimit;
            }

            var byBand = Math.Floor(a.Exposure).CompareTo(Math.Floor(b.Exposure));
            if (byBand != 0)
            {
                return byBand;
            }

            var bySkill = HasDeEscalation(b).CompareTo(HasDeEscalation(a));
            if (bySkill != 0)
            {
                return bySkill;
            }

            var byExposure = a.Exposure.CompareTo(b.Exposure);
            if (byExposure != 0)
            {
                return byExposure;
            }
        }

        var byIdle = a.IdleSince.CompareTo(b.IdleSince);
        return byIdle != 0 ? byIdle : string.CompareOrdinal(a.Id, b.Id);
    }

    private bool RecentlyHostile(AgentSnapshot agent, DateTimeOffset now) =>
        agent.LastHostileAt is { } last && now - last < _hostileCooldown;

    private bool HasDeEscalation(AgentSnapshot agent) => agent.Skills.Contains(_deEscalationSkill, StringComparer.OrdinalIgnoreCase);

    private string Explain(AgentSnapshot chosen, int eligible, RoutingRequest request, DateTimeOffset now)
    {
        var reason = ExplainChoice(chosen, eligible, request, now);
        return Policy == RoutingPolicy.Protective && chosen.RotationDue
            ? reason + " Rotation was due for this agent in this queue, but nobody else was free."
            : reason;
    }

    private string ExplainChoice(AgentSnapshot chosen, int eligible, RoutingRequest request, DateTimeOffset now)
    {
        var idle = (now - chosen.IdleSince).TotalMinutes;
        var of = string.Create(CultureInfo.InvariantCulture, $"{eligible} eligible agent{(eligible == 1 ? string.Empty : "s")}");
        if (Policy == RoutingPolicy.RoundRobin || request.Risk == ContactRisk.Calm && WellPlaced(chosen, now))
        {
            return string.Create(CultureInfo.InvariantCulture, $"Longest idle ({idle:0} min) of {of}.");
        }

        if (request.Risk == ContactRisk.Calm)
        {
            return string.Create(CultureInfo.InvariantCulture, $"Calm contact for an agent who needs calmer work (exposure {chosen.Exposure:0.0}), of {of}.");
        }

        if (request.Risk == ContactRisk.Uncertain)
        {
            return string.Create(
                CultureInfo.InvariantCulture,
                $"Contact of uncertain tone ({request.RiskBecause ?? "not screened"}) for a rested agent (exposure {chosen.Exposure:0.0}{(WellPlaced(chosen, now) ? string.Empty : "; nobody rested was free")}), longest idle of {of}.");
        }

        var parts = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"Hostile contact ({request.RiskBecause ?? "expected"}): lowest-risk choice of {of}"),
            string.Create(CultureInfo.InvariantCulture, $"exposure {chosen.Exposure:0.0}{(chosen.Exposure >= exposureLimit ? " (over the limit: nobody under it was free)" : string.Empty)}"),
            RecentlyHostile(chosen, now)
                ? "had a hostile contact in the last " + _hostileCooldown.TotalMinutes.ToString("0", CultureInfo.InvariantCulture) + " min (nobody else was free)"
                : "no hostile contact in the last " + _hostileCooldown.TotalMinutes.ToString("0", CultureInfo.InvariantCulture) + " min",
        };
        if (HasDeEscalation(chosen))
        {
            parts.Add("has the " + _deEscalationSkill + " skill");
        }

        return string.Join("; ", parts) + ".";
    }

    private static string NobodyReason(RoutingRequest request, IReadOnlyList<AgentSnapshot> agents)
    {
        if (!agents.Any(a => a.Available))
        {
            return "No agent of the queue is available.";
        }

        if (!agents.Any(a => a.Available && a.Load < a.Capacity))
        {
            return string.Create(CultureInfo.InvariantCulture, $"Every available agent is at capacity on {request.Channel}.");
        }

        return request.RequiredSkills.Count > 0
            ? "No available agent with free capacity has the skills " + string.Join(", ", request.RequiredSkills) + (request.Language is null ? "." : " and speaks " + request.Language + ".")
            : "No available agent with free capacity speaks " + request.Language + ".";
    }
}

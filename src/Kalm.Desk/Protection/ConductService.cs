using System.Security.Claims;
using Kalm.Desk.Data;
using Kalm.Desk.Domain;
using Kalm.Desk.Infrastructure;
using Kalm.Shield;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kalm.Desk.Protection;

/// <summary>Reads and changes conduct records and incidents.</summary>
public sealed class ConductService(KalmDbContext db, IOptions<ConductOptions> options, IConversationEvents events, TimeProvider time)
{
    private const int MaxTextLength = 4000;
    private static readonly int[] WindowDays = [30, 90, 365];

    /// <summary>The record of <paramref name="customerId"/>, or null if no such customer exists.</summary>
    public async Task<ConductSummary?> GetAsync(Guid customerId, Guid? excludingConversation = null, CancellationToken cancellationToken = default)
    {
        if (!await db.Customers.AnyAsync(c => c.Id == customerId, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var now = time.GetUtcNow();
        var since = now.AddDays(-365);
        var messages = await db.Messages.AsNoTracking()
            .Where(m => m.Conversation!.CustomerId == customerId && m.Direction == MessageDirection.Inbound && m.Severity >= Severity.Rude && m.SentAt >= since)
            .Select(m => new { m.ConversationId, m.SentAt, m.Severity, m.Categories })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var incidents = await Summaries(db.Incidents.AsNoTracking().Where(i => i.CustomerId == customerId).OrderByDescending(i => i.OccurredAt))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var changes = await db.ConductChanges.AsNoTracking().Where(c => c.CustomerId == customerId).OrderByDescending(c => c.At)
            .Select(c => new ConductChangeView(c.Kind, c.Level, c.Reason, c.ByName, c.At, c.ExpiresAt, c.TeamId))
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        // An incident counts like a message unless it was drafted from one, which is counted already.
        var history = messages.Select(m => new ConductEvent(m.SentAt, m.Severity))
            .Concat(incidents.Where(i => i.Status != IncidentStatus.Draft && !i.Automatic).Select(i => new ConductEvent(i.OccurredAt, ParseSeverity(i.Severity))));
        var ruleLevel = ConductRules.Evaluate(history, now, options.Value);
        var level = ruleLevel;
        var lastHostile = messages.Count == 0 ? (DateTimeOffset?)null : messages.Max(m => m.SentAt);
        if (changes.FirstOrDefault(c => c.Kind == ConductChangeKind.LevelLowered) is { Level: { } lowered } change
            && (lastHostile is null || lastHostile <= change.At))
        {
            level = lowered < ruleLevel ? lowered : ruleLevel;
        }

        var earlier = messages.Where(m => m.ConversationId != excludingConversation).ToList();
        var windows = WindowDays.Select(days =>
        {
            var inWindow = messages.Where(m => m.SentAt >= now.AddDays(-days)).ToList();
            var categories = inWindow.SelectMany(m => m.Categories).Where(c => c != "compliment" && c != "self_harm")
                .GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
            return new ConductWindow(days, inWindow.Count, categories);
        }).ToList();
        return new ConductSummary(
            customerId,
            level,
            ruleLevel,
            earlier.Count,
            earlier.Count == 0 ? null : earlier.Max(m => m.SentAt),
            windows,
            [.. incidents.Take(5)],
            changes,
            await ActiveMeasureAsync(db, customerId, now, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// The restriction or block in force for <paramref name="customerId"/>: the latest one that was
    /// neither lifted afterwards nor expired.
    /// </summary>
    internal static async Task<ActiveMeasure?> ActiveMeasureAsync(KalmDbContext db, Guid customerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var latest = await db.ConductChanges.AsNoTracking()
            .Where(c => c.CustomerId == customerId && (c.Kind == ConductChangeKind.Restricted || c.Kind == ConductChangeKind.Blocked || c.Kind == ConductChangeKind.Lifted))
            .OrderByDescending(c => c.At)
            .Select(c => new { c.Kind, c.Reason, c.At, c.ExpiresAt, c.TeamId })
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (latest is null || latest.Kind == ConductChangeKind.Lifted || latest.ExpiresAt <= now)
        {
            return null;
        }

        var teamName = latest.TeamId is { } teamId
            ? await db.Teams.Where(t => t.Id == teamId).Select(t => t.Name).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            : null;
        return new ActiveMeasure(latest.Kind, latest.Reason, latest.At, latest.ExpiresAt, latest.TeamId, teamName);
    }

    public async Task<Results<Ok<ConductSummary>, ProblemHttpResult>> ChangeAsync(Guid customerId, ConductChangeRequest request, ClaimsPrincipal user, string byName)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > MaxTextLength)
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status400BadRequest, $"'reason' is required and at most {MaxTextLength} characters: every change to a conduct record is explained.");
        }

        if (!ApiNames.TryParse<ConductChangeKind>(request.Kind, out var kind))
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status400BadRequest, $"Unknown kind '{request.Kind}'; use one of: {ApiNames.List<ConductChangeKind>()}.");
        }

        ConductLevel? level = null;
        DateTimeOffset? expiresAt = null;
        var now = time.GetUtcNow();
        if (request.Days is { } days)
        {
            if (kind is not (ConductChangeKind.Restricted or ConductChangeKind.Blocked) || days is < 1 or > 3650)
            {
                return ProblemDetailsSetup.Problem(StatusCodes.Status400BadRequest, "'days' (1 to 3650) limits a restriction or a block.");
            }

            expiresAt = now.AddDays(days);
        }

        if (kind == ConductChangeKind.Restricted
            && (request.TeamId is not { } restrictedTo || !await db.Teams.AnyAsync(t => t.Id == restrictedTo).ConfigureAwait(false)))
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status400BadRequest, "A restriction names the team that handles the customer in 'teamId'.");
        }

        if (kind == ConductChangeKind.Lifted && await ActiveMeasureAsync(db, customerId, now, CancellationToken.None).ConfigureAwait(false) is null)
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status409Conflict, "The customer is neither restricted nor blocked.");
        }

        if (kind == ConductChangeKind.LevelLowered)
        {
            if (!ApiNames.TryParse<ConductLevel>(request.Level, out var parsed))
            {
                return ProblemDetailsSetup.Problem(StatusCodes.Status400BadRequest, $"Say which level: one of {ApiNames.List<ConductLevel>()}.");
            }

            var current = await GetAsync(customerId).ConfigureAwait(false);
            if (current is null)
            {
                return ProblemDetailsSetup.Problem(StatusCodes.Status404NotFound, $"No customer {customerId} exists.");
            }

            if (parsed >= current.Level)
            {
                return ProblemDetailsSetup.Problem(StatusCodes.Status400BadRequest, $"The level is {ApiNames.Name(current.Level)}; a supervisor can only lower it. The rules raise it.");
            }

            level = parsed;
        }
        else if (!await db.Customers.AnyAsync(c => c.Id == customerId).ConfigureAwait(false))
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status404NotFound, $"No customer {customerId} exists.");
        }

        db.ConductChanges.Add(new ConductChange
        {
            CustomerId = customerId,
            Kind = kind,
            Level = level,
            Reason = request.Reason.Trim(),
            ById = user.AgentId(),
            ByName = byName,
            At = now,
            ExpiresAt = expiresAt,
            TeamId = kind == ConductChangeKind.Restricted ? request.TeamId : null,
        });
        await db.SaveChangesAsync().ConfigureAwait(false);
        return TypedResults.Ok((await GetAsync(customerId).ConfigureAwait(false))!);
    }

    /// <summary>Registers an incident from a message the agent can see, or completes Kalm's draft for it.</summary>
    public async Task<Results<Ok<IncidentSummary>, ProblemHttpResult>> RegisterAsync(IncidentRequest request, ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Description is { Length: > MaxTextLength })
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status400BadRequest, $"'description' is at most {MaxTextLength} characters.");
        }

        var visible = Conversations.ConversationEndpoints.VisibleTo(db.Conversations, user);
        var message = request.MessageId is { } messageId
            ? await db.Messages.Where(m => m.Id == messageId && visible.Any(c => c.Id == m.ConversationId))
                .Select(m => new { m.Id, m.ConversationId, m.Channel, m.Text, m.Severity, m.Categories, m.SentAt, m.Conversation!.CustomerId, m.Conversation.TeamId, m.Conversation.AssigneeId })
                .SingleOrDefaultAsync().ConfigureAwait(false)
            : null;
        if (request.MessageId is not null && message is null)
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status404NotFound, $"No message {request.MessageId} exists, or it is not in your queues.");
        }

        var conversation = message is null && request.ConversationId is { } conversationId
            ? await visible.Where(c => c.Id == conversationId).Select(c => new { c.Id, c.Channel, c.CustomerId, c.TeamId }).SingleOrDefaultAsync().ConfigureAwait(false)
            : null;
        if (message is null && conversation is null)
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status400BadRequest, "Register an incident from a 'messageId' or a 'conversationId' you can see.");
        }

        var now = time.GetUtcNow();
        var agentId = user.AgentId();
        var incident = message is null
            ? null
            : await db.Incidents.FirstOrDefaultAsync(i => i.MessageId == message.Id && i.Status == IncidentStatus.Draft).ConfigureAwait(false);
        if (incident is null)
        {
            incident = new Incident { CreatedAt = now };
            db.Incidents.Add(incident);
        }

        incident.Status = IncidentStatus.Registered;
        if (message is not null)
        {
            incident.MessageId = message.Id;
            incident.ConversationId = message.ConversationId;
            incident.CustomerId = message.CustomerId;
            incident.TeamId = message.TeamId;
            incident.Channel = message.Channel;
            incident.Categories = [.. message.Categories.Where(c => c is not ("compliment" or "self_harm"))];
            incident.Severity = message.Severity;
            incident.QuotedText = message.Text;
            incident.OccurredAt = message.SentAt;
        }
        else
        {
            incident.ConversationId = conversation!.Id;
            incident.CustomerId = conversation.CustomerId;
            incident.TeamId = conversation.TeamId;
            incident.Channel = conversation.Channel;
            incident.OccurredAt = now;
        }

        incident.Description = string.IsNullOrWhiteSpace(request.Description) ? incident.Description : request.Description.Trim();
        incident.ConversationEnded = request.ConversationEnded;
        incident.ThreatenedInPerson = request.ThreatenedInPerson;
        incident.WantsFollowUpTalk = request.WantsFollowUpTalk;
        incident.PoliceReportNeeded = request.PoliceReportNeeded;
        incident.AgentId ??= agentId;
        incident.RegisteredById = agentId;
        incident.RegisteredAt = now;

        var tracked = await db.Conversations.Include(c => c.Events).SingleAsync(c => c.Id == incident.ConversationId).ConfigureAwait(false);
        tracked.Record(now, ConversationEventKind.IncidentRegistered, agentId, user.Identity?.Name, new() { ["incidentId"] = incident.Id.ToString() });
        await db.SaveChangesAsync().ConfigureAwait(false);
        events.Publish(ConversationChange.For(tracked, ConversationEventKind.IncidentRegistered, now));
        return TypedResults.Ok(await Summaries(db.Incidents.Where(i => i.Id == incident.Id)).SingleAsync().ConfigureAwait(false));
    }

    /// <summary>Incidents newest first, drafts before the rest.</summary>
    public Task<List<IncidentSummary>> ListAsync(int take, CancellationToken cancellationToken) =>
        Summaries(db.Incidents.AsNoTracking().OrderBy(i => i.Status).ThenByDescending(i => i.OccurredAt).Take(take)).ToListAsync(cancellationToken);

    internal static IQueryable<IncidentSummary> Summaries(IQueryable<Incident> incidents) =>
        incidents.Select(i => new IncidentSummary(
            i.Id,
            i.Status,
            i.Automatic,
            i.CustomerId,
            i.Customer == null ? null : i.Customer.Name,
            i.ConversationId,
            i.Channel,
            i.Categories,
            i.Severity == Severity.Threat ? "threat" : i.Severity == Severity.Abusive ? "abusive" : i.Severity == Severity.Rude ? "rude" : i.Severity == Severity.Tone ? "tone" : "none",
            i.QuotedText,
            i.Description,
            i.ConversationEnded,
            i.ThreatenedInPerson,
            i.WantsFollowUpTalk,
            i.PoliceReportNeeded,
            i.OccurredAt));

    private static Severity ParseSeverity(string name) => CategoryNames.TryParseSeverity(name, out var severity) ? severity : Severity.None;
}

using Kalm.Desk.Data;
using Kalm.Desk.Domain;
using Kalm.Desk.Infrastructure;
using Kalm.Shield;
using Microsoft.EntityFrameworkCore;

namespace Kalm.Desk.Ingest;

/// <summary>The stored message and whether this call stored it (false: it was a retry of an earlier call).</summary>
public sealed record InboundResult(InboundMessageResponse Response, bool Created);

/// <summary>
/// Stores a customer message: finds or creates the customer, threads the message into the open
/// conversation on its channel or starts one, stores Shield's analysis, commits, then publishes.
/// </summary>
public sealed class InboundMessageService(
    KalmDbContext db,
    IMessageAnalyzer analyzer,
    IConversationEvents events,
    TimeProvider time,
    Microsoft.Extensions.Options.IOptions<Protection.ConductOptions> conduct,
    Microsoft.Extensions.Options.IOptions<Wellbeing.WellbeingOptions> wellbeing,
    ILogger<InboundMessageService> logger)
{
    /// <summary>Concurrent first messages of one new customer can each lose one race, on the identity or the message.</summary>
    private const int MaxAttempts = 3;

    private const string LanguageHint = "nl";

    public async Task<InboundResult> IngestAsync(ValidInboundMessage inbound, string via, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        var analyzed = inbound.AnalyzedLength is { } length && length < inbound.Text.Length ? inbound.Text[..length] : inbound.Text;
        var analysis = analyzer.Analyze(analyzed, LanguageHint);

        for (var attempt = 1; ; attempt++)
        {
            var existing = await FindStoredAsync(inbound, cancellationToken).ConfigureAwait(false);
            if (existing is not null)
            {
                return new InboundResult(existing, Created: false);
            }

            try
            {
                return await StoreAsync(inbound, analyzed, analysis, via, cancellationToken).ConfigureAwait(false);
            }
            catch (DbUpdateException exception) when (exception.IsUniqueViolation() && attempt < MaxAttempts)
            {
                // Another request stored the same message or customer first; start again from what is committed.
                logger.LogDebug(exception, "Inbound {Channel} message {ExternalId} raced another request; re-reading", inbound.Channel, inbound.ExternalId);
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<InboundMessageResponse?> FindStoredAsync(ValidInboundMessage inbound, CancellationToken cancellationToken)
    {
        var stored = await db.Messages.AsNoTracking()
            .Where(m => m.Channel == inbound.Channel && m.ChannelMessageId == inbound.ExternalId)
            .Select(m => new { m.ConversationId, m.Id, m.Severity, m.Categories })
            .SingleOrDefaultAsync(cancellationToken)
            .ConfigureAwait(false);
        return stored is null
            ? null
            : new InboundMessageResponse(stored.ConversationId, stored.Id, new InboundAnalysis(stored.Severity.ToName(), stored.Categories));
    }

    private async Task<InboundResult> StoreAsync(ValidInboundMessage inbound, string analyzed, Analysis analysis, string via, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var customer = await FindOrCreateCustomerAsync(inbound, now, cancellationToken).ConfigureAwait(false);
        var actor = customer.Name ?? inbound.Email ?? inbound.Phone ?? "Chatbezoeker";

        var conversation = inbound.ConversationId is { } threaded
            ? await db.Conversations.FirstOrDefaultAsync(c => c.Id == threaded, cancellationToken).ConfigureAwait(false)
            : null;
        conversation ??= await db.Conversations
            .Where(c => c.CustomerId == customer.Id && c.Channel == inbound.Channel
                && c.Status != ConversationStatus.Resolved && c.Status != ConversationStatus.Closed)
            .OrderByDescending(c => c.LastMessageAt)
            .FirstOrDefaultAsync(cancellationToken)
            .ConfigureAwait(false);
        var started = conversation is null;
        var measure = await Protection.ConductService.ActiveMeasureAsync(db, customer.Id, now, cancellationToken).ConfigureAwait(false);
        if (conversation is null)
        {
            conversation = new Conversation
            {
                Channel = inbound.Channel,
                Subject = inbound.Subject,
                Customer = customer,
                CustomerId = customer.Id,
                TeamId = measure is { Kind: Protection.ConductChangeKind.Restricted, TeamId: { } seniorTeam }
                    ? seniorTeam
                    : inbound.TeamId ?? await DefaultTeamAsync(inbound.Channel, cancellationToken).ConfigureAwait(false),
                CreatedAt = now,
            };
            db.Conversations.Add(conversation);
            conversation.Record(now, ConversationEventKind.Created, null, actor, new() { ["channel"] = inbound.Channel.ToString(), ["via"] = via });
        }

        var message = new Message
        {
            ConversationId = conversation.Id,
            Channel = inbound.Channel,
            ChannelMessageId = inbound.ExternalId,
            Direction = MessageDirection.Inbound,
            AuthorName = actor,
            Text = inbound.Text,
            Html = inbound.Html,
            SentAt = inbound.ReceivedAt?.ToUniversalTime() ?? now,
            CreatedAt = now,
        };
        message.ApplyAnalysis(analysis);
        foreach (var attachment in inbound.Attachments)
        {
            var info = attachment.Info;
            if (attachment.Content is { } content)
            {
                var stored = MessageAttachment.Create(message.Id, info, content);
                db.MessageAttachments.Add(stored);
                info = info with { StorageKey = stored.Id.ToString() };
            }

            message.Attachments.Add(info);
        }

        if (analyzed.Length < inbound.Text.Length)
        {
            // The quoted history was not analysed; it is kept, unmasked, after the masked new part.
            message.MaskedText = analysis.Masked == analyzed ? null : analysis.Masked + inbound.Text[analyzed.Length..];
        }
        db.Messages.Add(message);

        conversation.LastMessageAt = message.SentAt > conversation.LastMessageAt ? message.SentAt : conversation.LastMessageAt;
        conversation.UpdatedAt = now;
        if (message.Severity > conversation.HighestSeverity)
        {
            conversation.HighestSeverity = message.Severity;
        }

        conversation.Record(now, ConversationEventKind.MessageReceived, null, actor, new()
        {
            ["messageId"] = message.Id.ToString(),
            ["severity"] = message.Severity.ToName(),
            ["via"] = via,
        });

        if (conversation.AssigneeId is { } assignee)
        {
            // The agent on the conversation reads this message: it weighs on them.
            await Wellbeing.Exposure.RecordAsync(db, wellbeing.Value, assignee, conversation.Id, message.Severity, message.Id, now, cancellationToken).ConfigureAwait(false);
        }

        var careNeeded = message.Categories.Contains(Protection.CareRoute.SelfHarm);
        if (careNeeded)
        {
            if (conversation.Priority != ConversationPriority.Urgent)
            {
                conversation.Record(now, ConversationEventKind.PriorityChanged, null, "Kalm", new() { ["from"] = conversation.Priority.ToString(), ["to"] = nameof(ConversationPriority.Urgent) });
                conversation.Priority = ConversationPriority.Urgent;
            }

            conversation.Record(now, ConversationEventKind.CareNeeded, null, "Kalm", new() { ["messageId"] = message.Id.ToString() });
        }

        var draftedIncident = message.Severity >= Severity.Threat;
        if (draftedIncident)
        {
            // Stored with the message, so a threat never exists without its incident.
            var incident = new Protection.Incident
            {
                Status = Protection.IncidentStatus.Draft,
                Automatic = true,
                CustomerId = customer.Id,
                ConversationId = conversation.Id,
                MessageId = message.Id,
                TeamId = conversation.TeamId,
                Channel = inbound.Channel,
                Categories = [.. message.Categories.Where(c => c is not ("compliment" or "self_harm"))],
                Severity = message.Severity,
                QuotedText = analyzed,
                AgentId = conversation.AssigneeId,
                OccurredAt = message.SentAt,
                CreatedAt = now,
            };
            db.Incidents.Add(incident);
            conversation.Record(now, ConversationEventKind.IncidentDrafted, null, "Kalm", new() { ["incidentId"] = incident.Id.ToString(), ["messageId"] = message.Id.ToString() });
        }

        // A block protects agents from abuse; it must not leave a customer in crisis unanswered.
        var blocked = measure?.Kind == Protection.ConductChangeKind.Blocked && !careNeeded;
        if (blocked)
        {
            // Stored, so nothing is lost and retention applies, but closed: it never waits in a queue.
            conversation.Status = ConversationStatus.Closed;
            conversation.ClosedAt ??= now;
            conversation.Record(now, ConversationEventKind.HeldFromQueues, null, "Kalm", new() { ["messageId"] = message.Id.ToString(), ["reason"] = measure!.Reason });
        }
        else if (conversation.Status is ConversationStatus.Pending or ConversationStatus.Resolved)
        {
            // Pending waits for the customer, and a mail reply threads into a resolved conversation:
            // either way their answer puts the conversation back in front of agents.
            conversation.Record(now, ConversationEventKind.StatusChanged, null, actor, new() { ["from"] = conversation.Status.ToString(), ["to"] = nameof(ConversationStatus.Open) });
            conversation.Status = ConversationStatus.Open;
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);

        if (started)
        {
            events.Publish(ConversationChange.For(conversation, ConversationEventKind.Created, now));
        }

        events.Publish(ConversationChange.For(conversation, ConversationEventKind.MessageReceived, now, message.Id));
        if (draftedIncident)
        {
            events.Publish(ConversationChange.For(conversation, ConversationEventKind.IncidentDrafted, now, message.Id));
        }

        if (careNeeded)
        {
            events.Publish(ConversationChange.For(conversation, ConversationEventKind.CareNeeded, now, message.Id));
        }

        var response = new InboundMessageResponse(conversation.Id, message.Id, new InboundAnalysis(message.Severity.ToName(), message.Categories))
        {
            Blocked = blocked,
            Notice = blocked ? conduct.Value.BlockedNotice : null,
        };
        return new InboundResult(response, Created: true);
    }

    private async Task<Customer> FindOrCreateCustomerAsync(ValidInboundMessage inbound, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var wanted = new List<(IdentityKind Kind, string Value)>();
        if (inbound.Email is not null)
        {
            wanted.Add((IdentityKind.Email, inbound.Email));
        }

        if (inbound.Phone is not null)
        {
            wanted.Add((inbound.Channel == Channel.WhatsApp ? IdentityKind.WhatsApp : IdentityKind.Phone, inbound.Phone));
        }

        if (inbound.VisitorId is not null)
        {
            wanted.Add((IdentityKind.ChatVisitor, inbound.VisitorId));
        }

        // A phone number identifies the same person whether they call or use WhatsApp.
        var phone = inbound.Phone;
        var email = inbound.Email;
        var visitor = inbound.VisitorId;
        var known = await db.CustomerIdentities
            .Where(i => (i.Kind == IdentityKind.Email && i.Value == email)
                || ((i.Kind == IdentityKind.Phone || i.Kind == IdentityKind.WhatsApp) && i.Value == phone)
                || (i.Kind == IdentityKind.ChatVisitor && i.Value == visitor))
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);

        Customer? customer = null;
        // The visitor token first: the chat stays with the customer who started it, whatever e-mail address is typed later.
        var match = known.OrderBy(i => i.Kind switch { IdentityKind.ChatVisitor => 0, IdentityKind.Email => 1, _ => 2 }).FirstOrDefault();
        if (match is not null)
        {
            customer = await FollowMergesAsync(match.CustomerId, cancellationToken).ConfigureAwait(false);
        }

        if (customer is null)
        {
            customer = new Customer { Name = inbound.Name, CreatedAt = now, UpdatedAt = now };
            db.Customers.Add(customer);
        }
        else if (customer.Name is null && inbound.Name is not null)
        {
            customer.Name = inbound.Name;
            customer.UpdatedAt = now;
        }

        foreach (var (kind, value) in wanted)
        {
            if (!known.Any(i => i.Kind == kind && i.Value == value))
            {
                db.CustomerIdentities.Add(new CustomerIdentity { CustomerId = customer.Id, Customer = customer, Kind = kind, Value = value, CreatedAt = now });
            }
        }

        return customer;
    }

    private async Task<Customer?> FollowMergesAsync(Guid customerId, CancellationToken cancellationToken)
    {
        // Merges can chain (A into B, later B into C); a short bound protects against a cycle in bad data.
        for (var hops = 0; hops < 10; hops++)
        {
            var customer = await db.Customers.FindAsync([customerId], cancellationToken).ConfigureAwait(false);
            if (customer?.MergedIntoId is not { } next)
            {
                return customer;
            }

            customerId = next;
        }

        return null;
    }

    private async Task<Guid?> DefaultTeamAsync(Channel channel, CancellationToken cancellationToken)
    {
        var teams = await db.Teams.AsNoTracking()
            .OrderBy(t => t.SortOrder).ThenBy(t => t.Name)
            .Select(t => new { t.Id, t.Channels })
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        return (teams.FirstOrDefault(t => t.Channels.Contains(channel)) ?? teams.FirstOrDefault())?.Id;
    }
}

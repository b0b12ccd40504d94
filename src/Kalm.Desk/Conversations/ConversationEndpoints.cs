using System.Security.Claims;
using Kalm.Desk.Data;
using Kalm.Desk.Domain;
using Kalm.Desk.Infrastructure;
using Kalm.Shield;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kalm.Desk.Conversations;

/// <summary>The agent API for conversations: list, read, reply, note, assign, transfer and status.</summary>
public static class ConversationEndpoints
{
    /// <summary>Replies and notes are capped like inbound text, so nothing an agent types is silently cut.</summary>
    public const int MaxTextLength = 100 * 1024;

    /// <summary>The transfer policy: a conversation is transferred at most once.</summary>
    public const int TransferLimit = 1;

    public static IHostApplicationBuilder AddConversations(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<ConversationChanges>();
        builder.Services.AddSingleton<MailHtmlSanitizer>();
        return builder;
    }

    public static IEndpointRouteBuilder MapConversationEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("/api/v1/conversations")
            .WithTags("Conversations")
            .RequireAuthorization(Policies.Agent)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/", ListAsync).WithSummary("List conversations with filters and paging").ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/{id:guid}", GetAsync).WithSummary("A conversation with its messages and timeline");
        group.MapPost("/{id:guid}/reply", (Guid id, TextRequest body, ClaimsPrincipal user, ConversationChanges changes) => changes.ReplyAsync(id, body, user))
            .WithSummary("Reply to the customer; 422 when it holds personal data, unless confirmPrivacy is true")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{id:guid}/notes", (Guid id, TextRequest body, ClaimsPrincipal user, ConversationChanges changes) => changes.NoteAsync(id, body, user))
            .WithSummary("Add an internal note").ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapPost("/{id:guid}/assign", (Guid id, AssignRequest body, ClaimsPrincipal user, ConversationChanges changes) => changes.AssignAsync(id, body, user))
            .WithSummary("Assign to an agent, or unassign");
        group.MapPost("/{id:guid}/transfer", (Guid id, TransferRequest body, ClaimsPrincipal user, ConversationChanges changes) => changes.TransferAsync(id, body, user))
            .WithSummary("Transfer to another queue or agent")
            .WithDescription("The policy is at most one transfer; a further transfer is carried out but answered with a warning.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapPost("/{id:guid}/status", (Guid id, StatusRequest body, ClaimsPrincipal user, ConversationChanges changes) => changes.SetStatusAsync(id, body, user))
            .WithSummary("Change the status").ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapPut("/{id:guid}/tags", (Guid id, TagsRequest body, ClaimsPrincipal user, ConversationChanges changes) => changes.SetTagsAsync(id, body, user))
            .WithSummary("Replace the tags").ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapPost("/{id:guid}/messages/{messageId:guid}/reveal", (Guid id, Guid messageId, ClaimsPrincipal user, ConversationChanges changes) => changes.RevealOriginalAsync(id, messageId, user))
            .WithSummary("Record that the original of a masked message was shown")
            .WithDescription("The API always returns the original next to the masked text; the workspace calls this when an agent reveals it, so reveals are on the timeline.");
        group.MapGet("/{id:guid}/messages/{messageId:guid}/attachments/{attachmentId:guid}", DownloadAttachmentAsync)
            .WithSummary("Download a stored attachment")
            .WithDescription("Served as a download with the sniffed content type; types a browser could run (HTML, SVG, scripts) as application/octet-stream.");
        group.MapPost("/{id:guid}/alert-supervisor", (Guid id, AlertRequest body, ClaimsPrincipal user, ConversationChanges changes) => changes.AlertSupervisorAsync(id, body, user))
            .WithSummary("Ask the supervisors on duty to look at the conversation").ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    private static async Task<Results<Ok<ConversationPage>, ProblemHttpResult>> ListAsync(
        ClaimsPrincipal user,
        KalmDbContext db,
        CancellationToken cancellationToken,
        Guid? team = null,
        string? status = null,
        string? assignee = null,
        string? channel = null,
        string? severity = null,
        Guid? customer = null,
        string? q = null,
        int page = 1,
        int pageSize = 25)
    {
        if (page < 1 || pageSize is < 1 or > 100)
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status400BadRequest, "'page' starts at 1 and 'pageSize' is between 1 and 100.");
        }

        ConversationStatus? statusFilter = null;
        if (status is not null)
        {
            if (!ApiNames.TryParse<ConversationStatus>(status, out var parsed))
            {
                return ProblemDetailsSetup.Problem(StatusCodes.Status400BadRequest, $"Unknown status '{status}'; use one of: {ApiNames.List<ConversationStatus>()}.");
            }

            statusFilter = parsed;
        }

        Channel? channelFilter = null;
        if (channel is not null)
        {
            if (!ApiNames.TryParse<Channel>(channel, out var parsed))
            {
                return ProblemDetailsSetup.Problem(StatusCodes.Status400BadRequest, $"Unknown channel '{channel}'; use one of: {ApiNames.List<Channel>()}.");
            }

            channelFilter = parsed;
        }

        Severity? severityFilter = null;
        if (severity is not null)
        {
            if (!CategoryNames.TryParseSeverity(severity, out var minimum))
            {
                return ProblemDetailsSetup.Problem(StatusCodes.Status400BadRequest, $"Unknown severity '{severity}'; use one of: none, tone, rude, abusive, threat.");
            }

            severityFilter = minimum;
        }

        var query = Filter(db.Conversations, user, new ConversationFilter(team, statusFilter, assignee, channelFilter, severityFilter, customer, q));
        var total = await query.CountAsync(cancellationToken).ConfigureAwait(false);
        var items = await Summaries(query.OrderByDescending(c => c.LastMessageAt).ThenBy(c => c.Id).Skip((page - 1) * pageSize).Take(pageSize))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new ConversationPage(items, page, pageSize, total));
    }

    private static async Task<Results<Ok<ConversationDetail>, ProblemHttpResult>> GetAsync(
        Guid id,
        ClaimsPrincipal user,
        KalmDbContext db,
        CancellationToken cancellationToken) =>
        await LoadDetailAsync(db, user, id, cancellationToken).ConfigureAwait(false) is { } detail
            ? TypedResults.Ok(detail)
            : NotFound(id);

    /// <summary>A conversation with its messages and timeline, or null when it does not exist or <paramref name="user"/> may not see it.</summary>
    internal static async Task<ConversationDetail?> LoadDetailAsync(KalmDbContext db, ClaimsPrincipal user, Guid id, CancellationToken cancellationToken)
    {
        var summary = await Summaries(VisibleTo(db.Conversations, user).Where(c => c.Id == id)).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (summary is null)
        {
            return null;
        }

        var times = await db.Conversations.Where(c => c.Id == id).Select(c => new { c.FirstResponseAt, c.ResolvedAt })
            .SingleAsync(cancellationToken).ConfigureAwait(false);
        var messages = await db.Messages.Where(m => m.ConversationId == id).OrderBy(m => m.SentAt).ThenBy(m => m.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var events = await db.ConversationEvents.Where(e => e.ConversationId == id).OrderBy(e => e.At)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var mail = await Channels.Email.MailState.ForConversationAsync(db, id, cancellationToken).ConfigureAwait(false);
        return new ConversationDetail(
            summary,
            times.FirstResponseAt,
            times.ResolvedAt,
            [.. messages.Select(m => new MessageView(m.Id, m.Direction, m.AuthorName, m.Text, m.Html, m.MaskedText, m.Severity.ToName(), m.Categories, m.Spans, m.SentAt)
            {
                Mail = mail.GetValueOrDefault(m.Id),
                Attachments = [.. m.Attachments.Select(a => AttachmentViewOf(id, m.Id, a))],
            })],
            [.. events.Select(e => new EventView(e.At, e.Kind, e.ActorAgentId, e.ActorName, e.Data))]);
    }

    private static AttachmentView AttachmentViewOf(Guid conversationId, Guid messageId, AttachmentInfo info) =>
        Guid.TryParse(info.StorageKey, out var attachmentId)
            ? new AttachmentView(attachmentId, info.FileName, info.ContentType, info.Size, info.TooLarge, $"/api/v1/conversations/{conversationId}/messages/{messageId}/attachments/{attachmentId}")
            : new AttachmentView(null, info.FileName, info.ContentType, info.Size, info.TooLarge, null);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> DownloadAttachmentAsync(
        Guid id,
        Guid messageId,
        Guid attachmentId,
        ClaimsPrincipal user,
        KalmDbContext db,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        if (!await VisibleTo(db.Conversations, user).AnyAsync(c => c.Id == id, cancellationToken).ConfigureAwait(false))
        {
            return NotFound(id);
        }

        var file = await db.MessageAttachments.AsNoTracking()
            .Where(a => a.Id == attachmentId && a.MessageId == messageId && db.Messages.Any(m => m.Id == messageId && m.ConversationId == id))
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (file is null)
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status404NotFound, $"No attachment {attachmentId} exists on message {messageId} of conversation {id}.");
        }

        // The bytes come from a stranger: the browser must save them, never render or guess at them.
        response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(file.Content, DownloadType(file.ContentType), file.FileName);
    }

    private static readonly HashSet<string> InertTypes = new(
        ["application/pdf", "image/png", "image/jpeg", "image/gif", "application/zip", "text/plain", "text/csv"],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The content type an attachment is served with: only types a browser does not execute keep their
    /// own; anything else (HTML, SVG, scripts, unknown) is a plain download.
    /// </summary>
    internal static string DownloadType(string sniffed) =>
        InertTypes.Contains(sniffed)
            || sniffed.StartsWith("application/vnd.openxmlformats-officedocument.", StringComparison.OrdinalIgnoreCase)
            ? sniffed
            : "application/octet-stream";

    /// <summary>The conversations <paramref name="user"/> may see that match <paramref name="filter"/>; the inbox and the API share it.</summary>
    internal static IQueryable<Conversation> Filter(IQueryable<Conversation> conversations, ClaimsPrincipal user, ConversationFilter filter)
    {
        var query = VisibleTo(conversations, user);
        if (filter.Team is { } team)
        {
            query = query.Where(c => c.TeamId == team);
        }

        if (filter.Status is { } status)
        {
            query = query.Where(c => c.Status == status);
        }

        if (filter.OpenOnly)
        {
            query = query.Where(c => c.Status != ConversationStatus.Resolved && c.Status != ConversationStatus.Closed);
        }

        if (filter.Channel is { } channel)
        {
            query = query.Where(c => c.Channel == channel);
        }

        if (filter.MinimumSeverity is { } minimum)
        {
            query = query.Where(c => c.HighestSeverity >= minimum);
        }

        if (filter.MyTeams)
        {
            var agentId = user.AgentId();
            query = query.Where(c => c.Team != null && c.Team.Members.Any(m => m.Id == agentId));
        }

        query = filter.Assignee switch
        {
            null => query,
            "me" => query.Where(c => c.AssigneeId == user.AgentId()),
            "none" => query.Where(c => c.AssigneeId == null),
            var assignee => query.Where(c => c.AssigneeId == assignee),
        };
        if (filter.Customer is { } customer)
        {
            query = query.Where(c => c.CustomerId == customer);
        }

        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var term = filter.Text.Trim().ToLower();
            query = query.Where(c => (c.Subject != null && c.Subject.ToLower().Contains(term))
                || (c.Customer!.Name != null && c.Customer.Name.ToLower().Contains(term))
                || c.Messages.Any(m => m.Direction != MessageDirection.Note && m.Text.ToLower().Contains(term)));
        }

        return query;
    }

    /// <summary>Agents see their teams' queues, unqueued work and what is assigned to them; supervisors and admins see everything.</summary>
    internal static IQueryable<Conversation> VisibleTo(IQueryable<Conversation> conversations, ClaimsPrincipal user)
    {
        if (user.SeesAllQueues())
        {
            return conversations;
        }

        var agentId = user.AgentId();
        return conversations.Where(c => c.AssigneeId == agentId || c.TeamId == null || c.Team!.Members.Any(m => m.Id == agentId));
    }

    internal static IQueryable<ConversationSummary> Summaries(IQueryable<Conversation> conversations) =>
        conversations.Select(c => new ConversationSummary(
            c.Id,
            c.Channel,
            c.Subject,
            c.Status,
            c.Priority,
            c.CustomerId,
            c.Customer!.Name,
            c.TeamId,
            c.Team == null ? null : c.Team.Name,
            c.AssigneeId,
            c.Assignee == null ? null : c.Assignee.PublicAlias,
            c.TransferCount,
            c.HighestSeverity == Severity.Threat ? "threat"
                : c.HighestSeverity == Severity.Abusive ? "abusive"
                : c.HighestSeverity == Severity.Rude ? "rude"
                : c.HighestSeverity == Severity.Tone ? "tone" : "none",
            c.Tags,
            c.CreatedAt,
            c.LastMessageAt,
            c.Messages.Where(m => m.Direction == MessageDirection.Inbound).OrderByDescending(m => m.SentAt)
                .Select(m => (m.MaskedText ?? m.Text).Substring(0, PreviewLength)).FirstOrDefault()));

    /// <summary>Characters of the latest customer message shown in lists: enough to recognise it, little enough to scan.</summary>
    private const int PreviewLength = 140;

    internal static ProblemHttpResult NotFound(Guid id) =>
        ProblemDetailsSetup.Problem(StatusCodes.Status404NotFound, $"No conversation {id} exists, or it is not in your queues.");
}

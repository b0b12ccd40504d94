using System.Text.Json;
using Kalm.Desk.Data;
using Kalm.Desk.Domain;
using Kalm.Desk.Infrastructure;
using Kalm.Desk.Ingest;
using Kalm.Desk.Protection;
using Kalm.Desk.Routing;
using Kalm.Shield;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kalm.Desk.Channels.Chat;

/// <summary>Who a visitor token stands for: the visitor id, and the name and e-mail they typed when starting.</summary>
public sealed record VisitorTicket(string Id, string? Name, string? Email);

/// <summary>
/// The visitor's side of the web chat. Every read starts from the visitor id inside a signed token
/// and goes through the visitor's own <see cref="IdentityKind.ChatVisitor"/> identity, so no input
/// of the visitor can point at another customer's conversation.
/// </summary>
public sealed class ChatService(
    KalmDbContext db,
    InboundMessageService inbound,
    QueueEstimates queues,
    VisitorTokens tokens,
    SurveyRecorder surveys,
    IOptions<ChatOptions> options,
    IOptions<ConductOptions> conduct,
    TimeProvider time)
{
    private const int MaxNameLength = InboundValidation.MaxNameLength;

    /// <summary>Starts a chat with a new token, or resumes the one <paramref name="request"/> carries; refuses blocked customers.</summary>
    public async Task<Results<Ok<ChatStartResponse>, ProblemHttpResult>> StartAsync(ChatStartRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Token is not null && Read(request.Token) is { } resumed)
        {
            if (await BlockedAsync(resumed, cancellationToken).ConfigureAwait(false))
            {
                return Blocked();
            }

            return TypedResults.Ok(new ChatStartResponse(request.Token, await ViewAsync(resumed, cancellationToken).ConfigureAwait(false)));
        }

        var name = request.Name?.Trim();
        if (name?.Length > MaxNameLength)
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status400BadRequest, $"'name' is longer than {MaxNameLength} characters.");
        }

        string? email = null;
        if (!string.IsNullOrWhiteSpace(request.Email) && !IdentityNormaliser.TryNormaliseEmail(request.Email, out email!))
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status400BadRequest, $"'email' is not an e-mail address: '{request.Email}'.");
        }

        var ticket = new VisitorTicket(VisitorTokens.NewVisitorId(), string.IsNullOrEmpty(name) ? null : name, email);
        if (await BlockedAsync(ticket, cancellationToken).ConfigureAwait(false))
        {
            return Blocked();
        }

        return TypedResults.Ok(new ChatStartResponse(tokens.Protect(JsonSerializer.Serialize(ticket)), Empty(await OpenNowAsync(null, cancellationToken).ConfigureAwait(false))));
    }

    /// <summary>The ticket inside <paramref name="token"/>, or null when it is not one the desk signed.</summary>
    public VisitorTicket? Read(string? token)
    {
        var payload = tokens.Read(token);
        if (payload is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<VisitorTicket>(payload);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Stores a visitor message through the ingest pipeline, so Shield, conduct blocks, threading
    /// and routing apply exactly as on every other channel.
    /// </summary>
    public async Task<Results<Ok<ChatSendResponse>, ProblemHttpResult>> SendAsync(VisitorTicket visitor, string? text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        var limits = options.Value;
        if (string.IsNullOrWhiteSpace(text))
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status400BadRequest, "'text' is required and may not be empty.");
        }

        if (text.Length > limits.MaxTextLength)
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status413PayloadTooLarge, $"A chat message is at most {limits.MaxTextLength} characters (Kalm:Chat:MaxTextLength).");
        }

        var before = await CurrentAsync(visitor.Id, cancellationToken).ConfigureAwait(false);
        var hostileBefore = before is { IsOpen: true, HighestSeverity: >= Severity.Abusive };
        var message = new ValidInboundMessage(
            Channel.Chat,
            $"chat:{Guid.CreateVersion7():N}",
            visitor.Name,
            Email: null,
            Phone: null,
            // A typed e-mail address is unverified: it is shown to the agent but never links the visitor to the customer who owns it.
            visitor.Email is null ? null : $"Chat ({visitor.Email}, niet geverifieerd)",
            text.Trim(),
            ReceivedAt: null,
            VisitorId: visitor.Id);
        var result = await inbound.IngestAsync(message, "chat", cancellationToken).ConfigureAwait(false);
        var severity = await db.Messages.AsNoTracking().Where(m => m.Id == result.Response.MessageId).Select(m => m.Severity).SingleAsync(cancellationToken).ConfigureAwait(false);
        var notice = result.Response.Blocked
            ? result.Response.Notice
            : severity >= Severity.Abusive && !hostileBefore ? limits.AbuseNotice : null;
        var view = await ViewAsync(visitor, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new ChatSendResponse(result.Response.ConversationId, result.Response.MessageId, notice, view));
    }

    /// <summary>The visitor's latest chat, as they may see it.</summary>
    public async Task<ChatView> ViewAsync(VisitorTicket visitor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        var conversation = await CurrentAsync(visitor.Id, cancellationToken).ConfigureAwait(false);
        if (conversation is null)
        {
            return Empty(await OpenNowAsync(null, cancellationToken).ConfigureAwait(false));
        }

        var lines = await db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == conversation.Id && (m.Direction == MessageDirection.Inbound || m.Direction == MessageDirection.Outbound))
            .OrderBy(m => m.SentAt).ThenBy(m => m.Id)
            .Select(m => new { m.Id, m.Direction, m.AuthorName, m.Text, m.SentAt })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var lastAnswer = lines.Where(l => l.Direction == MessageDirection.Outbound).Select(l => (DateTimeOffset?)l.SentAt).Max();
        var messages = lines.Select(l => l.Direction == MessageDirection.Inbound
            ? new ChatLine(l.Id, "visitor", l.AuthorName, l.Text, l.SentAt, lastAnswer >= l.SentAt)
            : new ChatLine(l.Id, "agent", l.AuthorName, l.Text, l.SentAt, true)).ToList();

        var blocked = await ConductService.ActiveMeasureAsync(db, conversation.CustomerId, time.GetUtcNow(), cancellationToken).ConfigureAwait(false) is { Kind: ConductChangeKind.Blocked };
        var state = blocked && !conversation.IsOpen ? "blocked"
            : !conversation.IsOpen ? "ended"
            : conversation.AssigneeAlias is not null ? "with_agent"
            : "waiting";
        ChatQueue? queue = null;
        if (state == "waiting" && await queues.ForConversationAsync(conversation.Id, cancellationToken).ConfigureAwait(false) is { Position: > 0 } position)
        {
            queue = new ChatQueue(position.Position, position.Estimate?.Text, position.Estimate?.TextEn);
        }

        var chat = options.Value;
        var (notice, noticeEn) = state == "blocked" ? (conduct.Value.BlockedNotice, conduct.Value.BlockedNotice)
            : conversation.HighestSeverity >= Severity.Abusive ? (chat.AbuseNotice, chat.AbuseNoticeEn)
            : ((string?)null, (string?)null);
        var surveyDue = conversation.Status == ConversationStatus.Resolved
            && surveys.Surveys(conversation.HighestSeverity)
            && !await surveys.AnsweredAsync(conversation.Id, cancellationToken).ConfigureAwait(false);
        return new ChatView(
            conversation.Id,
            state,
            conversation.AssigneeAlias,
            messages,
            queue,
            await OpenNowAsync(conversation.TeamId, cancellationToken).ConfigureAwait(false),
            notice,
            noticeEn,
            surveyDue ? surveys.Questions : null);
    }

    /// <summary>Stores the survey of the visitor's resolved chat; Shield reads the comment first.</summary>
    public async Task<Results<Ok<ChatView>, ProblemHttpResult>> SubmitSurveyAsync(VisitorTicket visitor, SurveyAnswersRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        ArgumentNullException.ThrowIfNull(request);
        var view = await ViewAsync(visitor, cancellationToken).ConfigureAwait(false);
        if (view.Survey is null || view.ConversationId is not { } conversationId)
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status409Conflict, "There is no survey to answer: the chat has not been resolved, or the survey was answered already.");
        }

        if (await surveys.RecordAsync(conversationId, request, cancellationToken).ConfigureAwait(false) is { } problem)
        {
            return problem;
        }

        return TypedResults.Ok(await ViewAsync(visitor, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The visitor ids of the web-chat customers of <paramref name="conversationIds"/>; conversations on other channels have none.</summary>
    public Task<List<string>> VisitorsOfAsync(IReadOnlyCollection<Guid> conversationIds, CancellationToken cancellationToken) =>
        db.Conversations.AsNoTracking()
            .Where(c => conversationIds.Contains(c.Id) && c.Channel == Channel.Chat)
            .SelectMany(c => c.Customer!.Identities.Where(i => i.Kind == IdentityKind.ChatVisitor).Select(i => i.Value))
            .ToListAsync(cancellationToken);

    /// <summary>The visitor's chat while it is open: who may see it, for the typing signal.</summary>
    public Task<OpenChat?> OpenChatAsync(string visitorId, CancellationToken cancellationToken) =>
        db.Conversations.AsNoTracking()
            .Where(c => c.Channel == Channel.Chat && c.Status != ConversationStatus.Resolved && c.Status != ConversationStatus.Closed
                && c.Customer!.Identities.Any(i => i.Kind == IdentityKind.ChatVisitor && i.Value == visitorId))
            .OrderByDescending(c => c.CreatedAt)
            .Select(c => new OpenChat(c.Id, c.TeamId, c.AssigneeId))
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>Whether the chat queue of <paramref name="teamId"/> (or the default chat queue) is within business hours now.</summary>
    public async Task<bool> OpenNowAsync(Guid? teamId, CancellationToken cancellationToken)
    {
        var teams = await db.Teams.AsNoTracking()
            .OrderBy(t => t.SortOrder).ThenBy(t => t.Name)
            .Select(t => new { t.Id, t.Channels, t.BusinessHours })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var team = teams.FirstOrDefault(t => t.Id == teamId) ?? teams.FirstOrDefault(t => t.Channels.Contains(Channel.Chat)) ?? teams.FirstOrDefault();
        var hours = team is { BusinessHours.Count: > 0 }
            ? team.BusinessHours
            : await db.Organisation.AsNoTracking().Select(o => o.BusinessHours).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false) ?? [];
        return BusinessHoursCheck.IsOpen(hours, time.GetUtcNow(), await OrganisationClock.ZoneAsync(db, cancellationToken).ConfigureAwait(false));
    }

    private static ChatView Empty(bool open) => new(null, "none", null, [], null, open, null, null, null);

    private static ProblemHttpResult Blocked() => ProblemDetailsSetup.Problem(StatusCodes.Status403Forbidden, "This chat is not available to you.");

    private async Task<bool> BlockedAsync(VisitorTicket visitor, CancellationToken cancellationToken)
    {
        var customers = await db.CustomerIdentities.AsNoTracking()
            .Where(i => (i.Kind == IdentityKind.ChatVisitor && i.Value == visitor.Id) || (visitor.Email != null && i.Kind == IdentityKind.Email && i.Value == visitor.Email))
            .Select(i => i.CustomerId)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        foreach (var customer in customers)
        {
            if (await ConductService.ActiveMeasureAsync(db, customer, now, cancellationToken).ConfigureAwait(false) is { Kind: ConductChangeKind.Blocked })
            {
                return true;
            }
        }

        return false;
    }

    private async Task<CurrentChat?> CurrentAsync(string visitorId, CancellationToken cancellationToken) =>
        await db.Conversations.AsNoTracking()
            .Where(c => c.Channel == Channel.Chat && c.Customer!.Identities.Any(i => i.Kind == IdentityKind.ChatVisitor && i.Value == visitorId))
            .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
            .Select(c => new CurrentChat(c.Id, c.CustomerId, c.TeamId, c.Status, c.HighestSeverity, c.Assignee != null ? c.Assignee.PublicAlias : null))
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);

    private sealed record CurrentChat(Guid Id, Guid CustomerId, Guid? TeamId, ConversationStatus Status, Severity HighestSeverity, string? AssigneeAlias)
    {
        public bool IsOpen => Status is not (ConversationStatus.Resolved or ConversationStatus.Closed);
    }
}

/// <summary>An open chat and who works it.</summary>
public sealed record OpenChat(Guid Id, Guid? TeamId, string? AssigneeId);

/// <summary>Opening hours read in the organisation's time zone.</summary>
public static class BusinessHoursCheck
{
    /// <summary>Whether <paramref name="now"/> falls within <paramref name="hours"/>; no hours at all means always open.</summary>
    public static bool IsOpen(IReadOnlyCollection<BusinessHours> hours, DateTimeOffset now, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(hours);
        if (hours.Count == 0)
        {
            return true;
        }

        var local = TimeZoneInfo.ConvertTime(now, zone);
        var clock = TimeOnly.FromDateTime(local.DateTime);
        return hours.Any(h => h.Day == local.DayOfWeek && clock >= h.Opens && clock < h.Closes);
    }
}

using System.Security.Claims;
using Kalm.Desk.Data;
using Kalm.Desk.Domain;
using Kalm.Desk.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kalm.Desk.Conversations;

/// <summary>
/// Carries out agents' changes to a conversation. Each change is saved together with its timeline
/// event, and published to the real-time stream only after it is committed.
/// </summary>
public sealed class ConversationChanges(
    KalmDbContext db,
    UserManager<AgentUser> users,
    IConversationEvents events,
    TimeProvider time,
    Protection.PrivacyCheck privacy,
    Microsoft.Extensions.Options.IOptions<Wellbeing.WellbeingOptions> wellbeing)
{
    private const int MaxTags = 20;
    private const int MaxTagLength = 50;
    private const int MaxReasonLength = 2000;

    /// <summary>
    /// Sends a reply. Unless <see cref="TextRequest.ConfirmPrivacy"/> is set, a reply holding the agent's
    /// personal data or another customer's phone number or e-mail address is refused with 422 naming
    /// what was found, so the agent looks again before it reaches the customer.
    /// </summary>
    public async Task<Results<Ok<ChangeResult>, ProblemHttpResult>> ReplyAsync(Guid id, TextRequest body, ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (!body.ConfirmPrivacy && !string.IsNullOrWhiteSpace(body.Text) && await PrivacyProblemAsync(id, body.Text, user).ConfigureAwait(false) is { } privacy)
        {
            return privacy;
        }

        return await ChangeAsync(id, user, (conversation, actor, now) =>
        {
            if (InvalidText(body.Text) is { } problem)
            {
                return problem;
            }

            var message = AddMessage(conversation, actor, now, MessageDirection.Outbound, body.Text!);
            conversation.FirstResponseAt ??= now;
            if (conversation.Status is ConversationStatus.New)
            {
                conversation.Status = ConversationStatus.Open;
            }

            return new Change(ConversationEventKind.ReplySent, new() { ["messageId"] = message.Id.ToString() }, message.Id);
        }).ConfigureAwait(false);
    }

    private async Task<ProblemHttpResult?> PrivacyProblemAsync(Guid id, string text, ClaimsPrincipal user)
    {
        var agent = await users.GetUserAsync(user).ConfigureAwait(false);
        var customerId = await ConversationEndpoints.VisibleTo(db.Conversations, user).Where(c => c.Id == id).Select(c => (Guid?)c.CustomerId).SingleOrDefaultAsync().ConfigureAwait(false);
        if (agent is null || customerId is null)
        {
            // Not found or not signed in: the change itself gives the right answer.
            return null;
        }

        var findings = await privacy.FindAsync(text, new Protection.AgentPrivateData(agent.PrivateSurname, agent.PrivatePhone, agent.HomeTown), customerId.Value, CancellationToken.None).ConfigureAwait(false);
        if (findings.Count == 0)
        {
            return null;
        }

        var named = string.Join(", ", findings.Select(f => $"{Json(f.Kind)} '{f.Text}'"));
        return TypedResults.Problem(
            detail: $"The reply contains personal data: {named}. Remove it, or send again with 'confirmPrivacy': true.",
            statusCode: StatusCodes.Status422UnprocessableEntity,
            extensions: new Dictionary<string, object?> { ["findings"] = findings.Select(f => new Protection.PrivacyFindingView(Json(f.Kind), f.Text)).ToList() });
    }

    public Task<Results<Ok<ChangeResult>, ProblemHttpResult>> NoteAsync(Guid id, TextRequest body, ClaimsPrincipal user) =>
        ChangeAsync(id, user, (conversation, actor, now) =>
        {
            if (InvalidText(body.Text) is { } problem)
            {
                return problem;
            }

            var message = AddMessage(conversation, actor, now, MessageDirection.Note, body.Text!);
            return new Change(ConversationEventKind.NoteAdded, new() { ["messageId"] = message.Id.ToString() }, message.Id);
        });

    public async Task<Results<Ok<ChangeResult>, ProblemHttpResult>> AssignAsync(Guid id, AssignRequest body, ClaimsPrincipal user)
    {
        AgentUser? assignee = null;
        if (body.AgentId is not null && (assignee = await users.FindByIdAsync(body.AgentId).ConfigureAwait(false)) is null)
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status404NotFound, $"No agent {body.AgentId} exists.");
        }

        return await ChangeAsync(id, user, (conversation, _, _) =>
        {
            var from = conversation.AssigneeId;
            conversation.AssigneeId = assignee?.Id;
            return new Change(
                assignee is null ? ConversationEventKind.Unassigned : ConversationEventKind.Assigned,
                new() { ["from"] = from, ["to"] = assignee?.Id, ["toAlias"] = assignee?.PublicAlias });
        }).ConfigureAwait(false);
    }

    public async Task<Results<Ok<ChangeResult>, ProblemHttpResult>> TransferAsync(Guid id, TransferRequest body, ClaimsPrincipal user)
    {
        if (body.TeamId is null && body.AgentId is null)
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status400BadRequest, "Say where to transfer to: 'teamId', 'agentId' or both.");
        }

        Team? team = null;
        if (body.TeamId is { } teamId && (team = await db.Teams.FindAsync(teamId).ConfigureAwait(false)) is null)
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status404NotFound, $"No team {teamId} exists.");
        }

        AgentUser? agent = null;
        if (body.AgentId is not null && (agent = await users.FindByIdAsync(body.AgentId).ConfigureAwait(false)) is null)
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status404NotFound, $"No agent {body.AgentId} exists.");
        }

        return await ChangeAsync(id, user, (conversation, _, _) =>
        {
            var data = new Dictionary<string, string?>
            {
                ["fromTeam"] = conversation.TeamId?.ToString(),
                ["toTeam"] = (team?.Id ?? conversation.TeamId)?.ToString(),
                ["fromAgent"] = conversation.AssigneeId,
                ["toAgent"] = agent?.Id,
                ["reason"] = body.Reason,
            };
            conversation.TeamId = team?.Id ?? conversation.TeamId;
            conversation.AssigneeId = agent?.Id;
            conversation.TransferCount++;
            data["transferCount"] = conversation.TransferCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var warning = conversation.TransferCount > ConversationEndpoints.TransferLimit
                ? $"This conversation has now been transferred {conversation.TransferCount} times; the policy is at most {ConversationEndpoints.TransferLimit}."
                : null;
            return new Change(ConversationEventKind.Transferred, data, Warning: warning);
        }).ConfigureAwait(false);
    }

    public Task<Results<Ok<ChangeResult>, ProblemHttpResult>> SetStatusAsync(Guid id, StatusRequest body, ClaimsPrincipal user) =>
        ChangeAsync(id, user, (conversation, _, now) =>
        {
            if (!ApiNames.TryParse<ConversationStatus>(body.Status, out var status))
            {
                return ProblemDetailsSetup.Problem(StatusCodes.Status400BadRequest, $"Unknown status '{body.Status}'; use one of: {ApiNames.List<ConversationStatus>()}.");
            }

            var from = conversation.Status;
            conversation.Status = status;
            switch (status)
            {
                case ConversationStatus.Resolved:
                    conversation.ResolvedAt = now;
                    RecordLiveHandleTime(conversation, now);
                    break;
                case ConversationStatus.Closed:
                    conversation.ResolvedAt ??= now;
                    conversation.ClosedAt = now;
                    break;
                default:
                    conversation.ResolvedAt = null;
                    conversation.ClosedAt = null;
                    break;
            }

            return new Change(ConversationEventKind.StatusChanged, new() { ["from"] = Json(from), ["to"] = Json(status) });
        });

    public Task<Results<Ok<ChangeResult>, ProblemHttpResult>> SetTagsAsync(Guid id, TagsRequest body, ClaimsPrincipal user) =>
        ChangeAsync(id, user, (conversation, _, _) =>
        {
            var tags = (body.Tags ?? []).Select(t => t?.Trim().ToLowerInvariant() ?? string.Empty).ToList();
            if (tags.Count > MaxTags || tags.Any(t => t.Length is 0 or > MaxTagLength))
            {
                return ProblemDetailsSetup.Problem(StatusCodes.Status400BadRequest, $"Give at most {MaxTags} tags of 1 to {MaxTagLength} characters.");
            }

            var from = string.Join(',', conversation.Tags);
            conversation.Tags = [.. tags.Distinct().Order(StringComparer.Ordinal)];
            return new Change(ConversationEventKind.TagsChanged, new() { ["from"] = from, ["to"] = string.Join(',', conversation.Tags) });
        });

    /// <summary>Records that the agent chose to read a masked message, so reveals can be reviewed; the text itself never changes.</summary>
    public async Task<Results<Ok<ChangeResult>, ProblemHttpResult>> RevealOriginalAsync(Guid id, Guid messageId, ClaimsPrincipal user)
    {
        var masked = await db.Messages.AnyAsync(m => m.Id == messageId && m.ConversationId == id && m.MaskedText != null).ConfigureAwait(false);
        if (!masked)
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status404NotFound, $"Conversation {id} has no masked message {messageId}.");
        }

        return await ChangeAsync(id, user, (_, _, _) =>
            new Change(ConversationEventKind.OriginalRevealed, new() { ["messageId"] = messageId.ToString() }, messageId)).ConfigureAwait(false);
    }

    /// <summary>Asks the supervisors on duty to look at the conversation; they are alerted live through the change stream.</summary>
    public Task<Results<Ok<ChangeResult>, ProblemHttpResult>> AlertSupervisorAsync(Guid id, AlertRequest body, ClaimsPrincipal user) =>
        ChangeAsync(id, user, (conversation, _, _) =>
        {
            if (body.Reason is { Length: > MaxReasonLength })
            {
                return ProblemDetailsSetup.Problem(StatusCodes.Status400BadRequest, $"'reason' is longer than {MaxReasonLength} characters.");
            }

            if (conversation.Priority < ConversationPriority.Urgent)
            {
                conversation.Priority = ConversationPriority.Urgent;
            }

            return new Change(ConversationEventKind.SupervisorAlerted, new() { ["reason"] = string.IsNullOrWhiteSpace(body.Reason) ? null : body.Reason.Trim() });
        });

    private async Task<Results<Ok<ChangeResult>, ProblemHttpResult>> ChangeAsync(
        Guid id,
        ClaimsPrincipal user,
        Func<Conversation, AgentUser, DateTimeOffset, OneOf> apply)
    {
        var actor = await users.GetUserAsync(user).ConfigureAwait(false);
        if (actor is null)
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status401Unauthorized, "Your account no longer exists; sign in again.");
        }

        var conversation = await ConversationEndpoints.VisibleTo(db.Conversations, user).Include(c => c.Events)
            .SingleOrDefaultAsync(c => c.Id == id).ConfigureAwait(false);
        if (conversation is null)
        {
            return ConversationEndpoints.NotFound(id);
        }

        var now = time.GetUtcNow();
        var assigneeBefore = conversation.AssigneeId;
        var outcome = apply(conversation, actor, now);
        if (outcome.Problem is { } problem)
        {
            return problem;
        }

        if (conversation.AssigneeId is { } assignee && assignee != assigneeBefore)
        {
            // Whoever takes over a hostile conversation reads what the customer wrote.
            await Wellbeing.Exposure.RecordAsync(db, wellbeing.Value, assignee, conversation.Id, conversation.HighestSeverity, null, now).ConfigureAwait(false);
        }

        var change = outcome.Change!;
        conversation.UpdatedAt = now;
        conversation.Record(now, change.Kind, actor.Id, actor.DisplayName, change.Data);
        await db.SaveChangesAsync().ConfigureAwait(false);
        events.Publish(ConversationChange.For(conversation, change.Kind, now, change.MessageId));

        var summary = await ConversationEndpoints.Summaries(db.Conversations.Where(c => c.Id == id)).SingleAsync().ConfigureAwait(false);
        return TypedResults.Ok(new ChangeResult(summary, change.Warning));
    }

    private static Message AddMessage(Conversation conversation, AgentUser actor, DateTimeOffset now, MessageDirection direction, string text)
    {
        var message = new Message
        {
            ConversationId = conversation.Id,
            Channel = conversation.Channel,
            Direction = direction,
            AuthorAgentId = actor.Id,
            AuthorName = direction == MessageDirection.Outbound ? actor.PublicAlias : actor.DisplayName,
            Text = text,
            SentAt = now,
            CreatedAt = now,
        };
        conversation.Messages.Add(message);
        if (direction == MessageDirection.Outbound)
        {
            conversation.LastMessageAt = now;
        }

        return message;
    }

    /// <summary>
    /// A call or chat is handled from the moment an agent took it until it is resolved; for e-mail
    /// that span is mostly waiting, so its handle time stays as the workspace recorded it.
    /// </summary>
    private static void RecordLiveHandleTime(Conversation conversation, DateTimeOffset now)
    {
        if (conversation.Channel is not (Channel.Chat or Channel.Phone) || conversation.HandleTime > TimeSpan.Zero)
        {
            return;
        }

        var taken = conversation.Events.Where(e => e.Kind is ConversationEventKind.Assigned or ConversationEventKind.Transferred)
            .Select(e => (DateTimeOffset?)e.At).Min() ?? conversation.CreatedAt;
        conversation.HandleTime = now - taken;
    }

    private static ProblemHttpResult? InvalidText(string? text) => text switch
    {
        null or { Length: 0 } => ProblemDetailsSetup.Problem(StatusCodes.Status400BadRequest, "'text' is required."),
        _ when string.IsNullOrWhiteSpace(text) => ProblemDetailsSetup.Problem(StatusCodes.Status400BadRequest, "'text' is empty."),
        { Length: > ConversationEndpoints.MaxTextLength } => ProblemDetailsSetup.Problem(
            StatusCodes.Status400BadRequest, $"'text' is longer than {ConversationEndpoints.MaxTextLength} characters."),
        _ => null,
    };

    private static string Json<TEnum>(TEnum value)
        where TEnum : struct, Enum => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    /// <summary>What a change did, for the timeline and the real-time stream.</summary>
    private sealed record Change(ConversationEventKind Kind, Dictionary<string, string?> Data, Guid? MessageId = null, string? Warning = null);

    /// <summary>Either the change to save or the problem that stops it.</summary>
    private readonly struct OneOf
    {
        private OneOf(Change? change, ProblemHttpResult? problem) => (Change, Problem) = (change, problem);

        public Change? Change { get; }

        public ProblemHttpResult? Problem { get; }

        public static implicit operator OneOf(Change change) => new(change, null);

        public static implicit operator OneOf(ProblemHttpResult problem) => new(null, problem);
    }
}

using Kalm.Desk.Data;
using Kalm.Desk.Domain;
using Kalm.Desk.Infrastructure;
using Kalm.Shield;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kalm.Desk.Channels.Chat;

/// <summary>
/// Stores after-contact survey answers, whatever channel the survey reached the customer on, so
/// Shield reads every comment, abusive ones are held and compliments reach the agent's kudos alike.
/// </summary>
public sealed class SurveyRecorder(KalmDbContext db, IMessageAnalyzer analyzer, IOptions<ChatOptions> options, TimeProvider time)
{
    private const int MaxCommentLength = 2000;

    /// <summary>The questions in force.</summary>
    public IReadOnlyList<SurveyQuestion> Questions => options.Value.Questions;

    /// <summary>Whether a customer whose conversation reached <paramref name="highestSeverity"/> gets the survey at all.</summary>
    public bool Surveys(Severity highestSeverity) => options.Value.SurveyAbusiveCustomers || highestSeverity < Severity.Abusive;

    /// <summary>Whether the survey of <paramref name="conversationId"/> was answered already.</summary>
    public Task<bool> AnsweredAsync(Guid conversationId, CancellationToken cancellationToken) =>
        db.SurveyResponses.AnyAsync(r => r.ConversationId == conversationId, cancellationToken);

    /// <summary>Stores the answers for <paramref name="conversationId"/>; a problem when they are incomplete or the survey was answered already.</summary>
    public async Task<ProblemHttpResult?> RecordAsync(Guid conversationId, SurveyAnswersRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var questions = Questions;
        var answers = request.Answers ?? [];
        var missing = questions.Where(q => !answers.TryGetValue(q.Key, out var score) || score is < 1 or > 5).Select(q => q.Key).ToList();
        if (missing.Count > 0)
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status400BadRequest, $"Answer every question with 1 to 5; missing or out of range: {string.Join(", ", missing)}.");
        }

        var comment = request.Comment?.Trim();
        if (comment?.Length > MaxCommentLength)
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status400BadRequest, $"'comment' is longer than {MaxCommentLength} characters.");
        }

        var conversation = await db.Conversations.AsNoTracking().Where(c => c.Id == conversationId)
            .Select(c => new { c.AssigneeId, c.TeamId, c.Channel }).SingleAsync(cancellationToken).ConfigureAwait(false);
        var analysis = string.IsNullOrEmpty(comment) ? null : analyzer.Analyze(comment, "nl");
        var hostile = analysis?.Severity >= Severity.Abusive;
        db.SurveyResponses.Add(new SurveyResponse
        {
            ConversationId = conversationId,
            AgentId = conversation.AssigneeId,
            TeamId = conversation.TeamId,
            Channel = conversation.Channel,
            Answers = [.. questions.Select(q => new SurveyAnswer(q.Key, answers[q.Key]))],
            Comment = string.IsNullOrEmpty(comment) ? null : comment,
            MaskedComment = analysis is null || analysis.Masked == comment ? null : analysis.Masked,
            CommentSeverity = analysis?.Severity ?? Severity.None,
            CommentCategories = analysis is null ? [] : [.. analysis.Categories.Select(c => c.ToName())],
            Counted = !hostile,
            At = time.GetUtcNow(),
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            return Answered();
        }

        return null;
    }

    /// <summary>The problem for a survey answered before.</summary>
    public static ProblemHttpResult Answered() => ProblemDetailsSetup.Problem(StatusCodes.Status409Conflict, "The survey of this conversation was answered already.");
}

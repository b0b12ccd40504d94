using Kalm.Desk.Domain;
using Kalm.Shield;

namespace Kalm.Desk.Channels.Chat;

/// <summary>A customer's answers to the after-contact survey of one conversation.</summary>
public sealed class SurveyResponse
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>One survey per conversation.</summary>
    public Guid ConversationId { get; set; }

    /// <summary>The agent the conversation was assigned to when it was resolved.</summary>
    public string? AgentId { get; set; }

    public Guid? TeamId { get; set; }

    public Channel Channel { get; set; }

    public List<SurveyAnswer> Answers { get; set; } = [];

    public string? Comment { get; set; }

    /// <summary>The comment with abuse masked; null when Shield masked nothing.</summary>
    public string? MaskedComment { get; set; }

    public Severity CommentSeverity { get; set; }

    /// <summary>Stable Shield category names found in the comment; a <c>compliment</c> goes to the agent's kudos.</summary>
    public List<string> CommentCategories { get; set; } = [];

    /// <summary>
    /// Whether the answers count in the results. An abusive comment keeps the whole response out
    /// until a supervisor reviewed it, so abuse does not land on the agent's figures unseen.
    /// </summary>
    public bool Counted { get; set; }

    public DateTimeOffset? ReviewedAt { get; set; }

    public string? ReviewedById { get; set; }

    public DateTimeOffset At { get; set; }
}

/// <summary>The answer to one question: 1 (worst) to 5 (best).</summary>
public sealed record SurveyAnswer(string Key, int Score);

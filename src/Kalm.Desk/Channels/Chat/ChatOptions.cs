using System.ComponentModel.DataAnnotations;

namespace Kalm.Desk.Channels.Chat;

/// <summary><c>Kalm:Chat</c>: limits, notices and the survey of the web chat.</summary>
public sealed class ChatOptions
{
    public const string Section = "Kalm:Chat";

    /// <summary>Longest chat message in characters; a chat line is not a letter.</summary>
    [Range(1, 20_000)]
    public int MaxTextLength { get; set; } = 2000;

    /// <summary>Requests (and hub messages) one IP address may make per minute to the public chat.</summary>
    [Range(1, 100_000)]
    public int RequestsPerMinutePerIp { get; set; } = 120;

    /// <summary>Requests and messages one visitor token may make per minute.</summary>
    [Range(1, 100_000)]
    public int RequestsPerMinutePerVisitor { get; set; } = 40;

    /// <summary>Shown to the customer after their first abusive or threatening message in a chat.</summary>
    [Required]
    public string AbuseNotice { get; set; } =
        "Wij willen u graag helpen, maar beledigingen en bedreigingen accepteren wij niet. Houd het gesprek respectvol; anders beëindigen wij de chat.";

    /// <summary>The English notice for abuse.</summary>
    [Required]
    public string AbuseNoticeEn { get; set; } =
        "We are glad to help you, but we do not accept insults or threats. Please keep the conversation respectful, or we will end the chat.";

    /// <summary>Whether customers who were abusive or threatening in the chat get the survey.</summary>
    public bool SurveyAbusiveCustomers { get; set; }

    /// <summary>The survey questions, each answered 1–5; a comment is always possible.</summary>
    public List<SurveyQuestion> SurveyQuestions { get; set; } = [];

    /// <summary>The questions in force: the configured ones, or the five defaults.</summary>
    public IReadOnlyList<SurveyQuestion> Questions => SurveyQuestions.Count > 0 ? SurveyQuestions : DefaultQuestions;

    /// <summary>Was it solved, friendliness, knowledge, waiting time, overall.</summary>
    public static IReadOnlyList<SurveyQuestion> DefaultQuestions { get; } =
    [
        new("solved", "Is uw vraag opgelost?", "Was your question solved?"),
        new("friendliness", "Hoe vriendelijk was de medewerker?", "How friendly was the agent?"),
        new("knowledge", "Hoe deskundig was de medewerker?", "How knowledgeable was the agent?"),
        new("waiting", "Hoe tevreden bent u over de wachttijd?", "How satisfied are you with the waiting time?"),
        new("overall", "Hoe tevreden bent u over het gesprek?", "How satisfied are you with the conversation overall?"),
    ];
}

/// <summary>One survey question, answered on a scale of 1 to 5.</summary>
/// <param name="Key">A stable name such as <c>friendliness</c>; results are grouped by it.</param>
public sealed record SurveyQuestion(string Key, string Text, string TextEn);

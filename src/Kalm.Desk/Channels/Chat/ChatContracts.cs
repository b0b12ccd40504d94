namespace Kalm.Desk.Channels.Chat;

/// <summary>Starts (or resumes) a chat; name and e-mail are optional.</summary>
/// <param name="Token">A visitor token from an earlier start, to resume that visitor's chat.</param>
public sealed record ChatStartRequest(string? Name, string? Email, string? Token);

/// <summary>The visitor token to keep (the widget stores it in localStorage) and the chat as it stands.</summary>
public sealed record ChatStartResponse(string Token, ChatView Chat);

/// <summary>A message from the visitor.</summary>
public sealed record ChatSendRequest(string? Text);

/// <summary>The stored message and, when Kalm has something to say to the customer, the notice.</summary>
public sealed record ChatSendResponse(Guid ConversationId, Guid MessageId, string? Notice, ChatView Chat);

/// <summary>The survey answers: question key → 1–5, and an optional comment.</summary>
public sealed record SurveyAnswersRequest(Dictionary<string, int>? Answers, string? Comment);

/// <summary>Everything the visitor may see of their own chat, and nothing else.</summary>
/// <param name="State"><c>none</c> (no message yet), <c>waiting</c>, <c>with_agent</c>, <c>ended</c> or <c>blocked</c>.</param>
/// <param name="AgentAlias">The public alias of the agent; never the agent's name.</param>
/// <param name="Queue">Where the chat stands while waiting.</param>
/// <param name="Open">Whether the chat queue is within business hours now.</param>
/// <param name="Notice">A notice to keep showing (abuse, block); Dutch.</param>
/// <param name="NoticeEn">The same notice in English.</param>
/// <param name="Survey">The questions, when the chat ended and the survey is due.</param>
public sealed record ChatView(
    Guid? ConversationId,
    string State,
    string? AgentAlias,
    IReadOnlyList<ChatLine> Messages,
    ChatQueue? Queue,
    bool Open,
    string? Notice,
    string? NoticeEn,
    IReadOnlyList<SurveyQuestion>? Survey);

/// <summary>One line of the chat as the visitor sees it.</summary>
/// <param name="From"><c>visitor</c> or <c>agent</c>.</param>
/// <param name="Read">For the visitor's lines: an agent has answered since, so it was read.</param>
public sealed record ChatLine(Guid Id, string From, string? Author, string Text, DateTimeOffset At, bool Read);

/// <summary>The visitor's place in the queue and the honest range from <see cref="Routing.QueueEstimates"/>.</summary>
public sealed record ChatQueue(int Position, string? Text, string? TextEn);

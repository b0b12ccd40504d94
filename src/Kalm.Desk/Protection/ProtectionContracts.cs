using Kalm.Desk.Domain;

namespace Kalm.Desk.Protection;

/// <summary>Hostile messages per Shield category within a window of days.</summary>
public sealed record ConductWindow(int Days, int HostileMessages, IReadOnlyDictionary<string, int> Categories);

/// <summary>An incident as lists show it.</summary>
public sealed record IncidentSummary(
    Guid Id,
    IncidentStatus Status,
    bool Automatic,
    Guid? CustomerId,
    string? CustomerName,
    Guid? ConversationId,
    Channel Channel,
    IReadOnlyList<string> Categories,
    string Severity,
    string? QuotedText,
    string? Description,
    bool ConversationEnded,
    bool ThreatenedInPerson,
    bool WantsFollowUpTalk,
    bool PoliceReportNeeded,
    DateTimeOffset OccurredAt);

/// <summary>A supervisor's note or level change, as audited.</summary>
public sealed record ConductChangeView(ConductChangeKind Kind, ConductLevel? Level, string Reason, string ByName, DateTimeOffset At, DateTimeOffset? ExpiresAt = null, Guid? TeamId = null);

/// <summary>A restriction or block in force: what agents and ingest must respect.</summary>
public sealed record ActiveMeasure(ConductChangeKind Kind, string Reason, DateTimeOffset Since, DateTimeOffset? ExpiresAt, Guid? TeamId, string? TeamName);

/// <summary>
/// A customer's conduct record: what the next agent should know before answering. <paramref name="Level"/>
/// is what applies; <paramref name="RuleLevel"/> what the rules alone say, before a supervisor lowered it.
/// </summary>
/// <param name="EarlierHostile">Rude-or-worse messages outside the conversation being looked at.</param>
public sealed record ConductSummary(
    Guid CustomerId,
    ConductLevel Level,
    ConductLevel RuleLevel,
    int EarlierHostile,
    DateTimeOffset? LastHostileAt,
    IReadOnlyList<ConductWindow> Windows,
    IReadOnlyList<IncidentSummary> LatestIncidents,
    IReadOnlyList<ConductChangeView> Changes,
    ActiveMeasure? Measure = null);

/// <summary>
/// A supervisor's change with its reason: a note, a lower level, a warning, a restriction to a team,
/// a block, or lifting a restriction or block. <paramref name="Days"/> limits a restriction or block.
/// </summary>
public sealed record ConductChangeRequest(string? Kind, string? Level, string? Reason, int? Days = null, Guid? TeamId = null);

/// <summary>An agent registers an incident from a message; Shield's analysis fills what is not given.</summary>
public sealed record IncidentRequest(
    Guid? MessageId,
    Guid? ConversationId,
    string? Description,
    bool ConversationEnded,
    bool ThreatenedInPerson,
    bool WantsFollowUpTalk,
    bool PoliceReportNeeded);

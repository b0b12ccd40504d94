namespace Kalm.Shield;

/// <summary>
/// What a finding is about. The snake_case names returned by <see cref="CategoryNames.ToName(Category)"/>
/// are stable: the API, the CLI and the UI use them.
/// </summary>
public enum Category
{
    /// <summary>Swearing not aimed at a person (<c>profanity</c>).</summary>
    Profanity,

    /// <summary>An insult aimed at a person or the company (<c>insult</c>).</summary>
    Insult,

    /// <summary>A Dutch disease curse such as kanker, tyfus or tering (<c>disease_curse</c>).</summary>
    DiseaseCurse,

    /// <summary>Violence, stalking or doxxing (<c>threat</c>).</summary>
    Threat,

    /// <summary>Pressure aimed at the agent's job, reputation or privacy (<c>intimidation</c>).</summary>
    Intimidation,

    /// <summary>Sexual remarks or advances (<c>sexual_harassment</c>).</summary>
    SexualHarassment,

    /// <summary>Abuse of a protected group or characteristic (<c>discrimination</c>).</summary>
    Discrimination,

    /// <summary>Capitals and rows of exclamation or question marks (<c>shouting</c>).</summary>
    Shouting,

    /// <summary>A welfare signal: the writer may harm themselves (<c>self_harm</c>). Never raises severity.</summary>
    SelfHarm,

    /// <summary>Praise or thanks for the agent (<c>compliment</c>).</summary>
    Compliment,
}

/// <summary>Stable names for <see cref="Category"/> and <see cref="Severity"/> values.</summary>
public static class CategoryNames
{
    private static readonly string[] Names =
    [
        "profanity", "insult", "disease_curse", "threat", "intimidation",
        "sexual_harassment", "discrimination", "shouting", "self_harm", "compliment",
    ];

    private static readonly string[] SeverityNames = ["none", "tone", "rude", "abusive", "threat"];

    /// <summary>All categories in their stable order.</summary>
    public static IReadOnlyList<Category> All { get; } = Enum.GetValues<Category>();

    /// <summary>The stable snake_case name of a category, e.g. <c>disease_curse</c>.</summary>
    public static string ToName(this Category category) => Names[(int)category];

    /// <summary>The stable lower-case name of a severity, e.g. <c>abusive</c>.</summary>
    public static string ToName(this Severity severity) => SeverityNames[(int)severity];

    /// <summary>Parses a stable category name; returns false for an unknown name.</summary>
    public static bool TryParseCategory(string? name, out Category category)
    {
        var index = Array.IndexOf(Names, name?.Trim().ToLowerInvariant());
        category = index < 0 ? default : (Category)index;
        return index >= 0;
    }

    /// <summary>Parses a stable severity name; returns false for an unknown name.</summary>
    public static bool TryParseSeverity(string? name, out Severity severity)
    {
        var index = Array.IndexOf(SeverityNames, name?.Trim().ToLowerInvariant());
        severity = index < 0 ? default : (Severity)index;
        return index >= 0;
    }
}

namespace Kalm.Shield;

/// <summary>One finding in the analysed text: where it is, what it is and why.</summary>
/// <param name="Start">Offset of the first character in the original text (UTF-16 code units).</param>
/// <param name="Length">Length in the original text (UTF-16 code units).</param>
/// <param name="Category">What the finding is about.</param>
/// <param name="Rule">The matched lexicon term or the name of the rule that fired, for explanation.</param>
public sealed record Span(int Start, int Length, Category Category, string Rule);

/// <summary>The result of analysing one message.</summary>
public sealed class Analysis
{
    /// <summary>The overall severity: the highest severity of all findings, except welfare and praise signals.</summary>
    public required Severity Severity { get; init; }

    /// <summary>The distinct categories found, in their stable order.</summary>
    public required IReadOnlyList<Category> Categories { get; init; }

    /// <summary>The findings, ordered by start offset.</summary>
    public required IReadOnlyList<Span> Spans { get; init; }

    /// <summary>The text with abusive parts replaced by <c>[…]</c> and the facts of the request left readable.</summary>
    public required string Masked { get; init; }

    /// <summary>A hostility score between 0 (harmless) and 1 (certainly hostile).</summary>
    public required double Score { get; init; }
}

/// <summary>Reads a customer message and says how hostile it is and why.</summary>
/// <remarks>Implementations are thread-safe: one instance serves every request.</remarks>
public interface IMessageAnalyzer
{
    /// <summary>Analyses one message.</summary>
    /// <param name="text">The message text; may be empty, very long or hostile in form.</param>
    /// <param name="languageHint">An optional BCP 47 hint such as <c>nl</c>, <c>nl-BE</c> or <c>en</c>.</param>
    Analysis Analyze(string text, string? languageHint = null);
}

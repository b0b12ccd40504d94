namespace Kalm.Shield;

/// <summary>Configures a <see cref="ShieldAnalyzer"/>: which lexicons it reads.</summary>
public sealed class ShieldOptions
{
    /// <summary>Whether the built-in Dutch, Flemish and English lexicons are loaded (default true).</summary>
    public bool IncludeBuiltInLexicons { get; set; } = true;

    /// <summary>
    /// Organisation-specific lexicon texts in the lexicon file format (see docs/shield.md), read after
    /// the built-in ones: a term defined again here replaces the built-in definition.
    /// </summary>
    public IList<string> AdditionalLexicons { get; } = new List<string>();
}

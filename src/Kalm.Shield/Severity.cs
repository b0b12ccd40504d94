namespace Kalm.Shield;

/// <summary>How hostile a message is, ordered from harmless to dangerous.</summary>
public enum Severity
{
    /// <summary>Fine, even when angry or firm: complaints, legal claims, asking for a manager.</summary>
    None = 0,

    /// <summary>Shouting (capitals, rows of ! or ?) without abuse.</summary>
    Tone = 1,

    /// <summary>Profanity not aimed at a person, censored swearing, mild insults of the company.</summary>
    Rude = 2,

    /// <summary>Insults aimed at the agent, disease curses, harassment, discrimination, intimidation.</summary>
    Abusive = 3,

    /// <summary>Violence, stalking or doxxing.</summary>
    Threat = 4,
}

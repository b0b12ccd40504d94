namespace Kalm.Shield.Evaluation;

/// <summary>Counts for one class judged one-vs-rest, with precision, recall and F1 derived from them.</summary>
/// <param name="TruePositives">Messages labelled with the class that the analyzer also assigned it.</param>
/// <param name="FalsePositives">Messages the analyzer assigned the class that were not labelled with it.</param>
/// <param name="FalseNegatives">Messages labelled with the class that the analyzer missed.</param>
public readonly record struct ClassMetrics(int TruePositives, int FalsePositives, int FalseNegatives)
{
    /// <summary>How many messages are labelled with the class.</summary>
    public int Support => TruePositives + FalseNegatives;

    /// <summary>How many messages the analyzer assigned the class.</summary>
    public int Predicted => TruePositives + FalsePositives;

    /// <summary>TP / (TP + FP); 0 when the analyzer never assigned the class.</summary>
    public double Precision => Predicted == 0 ? 0 : (double)TruePositives / Predicted;

    /// <summary>TP / (TP + FN); 0 when no message is labelled with the class.</summary>
    public double Recall => Support == 0 ? 0 : (double)TruePositives / Support;

    /// <summary>The harmonic mean of precision and recall; 0 when both are 0.</summary>
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    /// <summary>
    /// True when the class occurs in the labels or the predictions. A class that occurs in neither
    /// has no meaningful F1 and is left out of macro averages.
    /// </summary>
    public bool IsObserved => Support + FalsePositives > 0;

    /// <summary>Adds one judgement: whether the message was labelled with the class and whether it was predicted.</summary>
    public ClassMetrics Add(bool expected, bool predicted) => (expected, predicted) switch
    {
        (true, true) => this with { TruePositives = TruePositives + 1 },
        (false, true) => this with { FalsePositives = FalsePositives + 1 },
        (true, false) => this with { FalseNegatives = FalseNegatives + 1 },
        _ => this,
    };
}

namespace Kalm.Shield.Evaluation;

/// <summary>A message the analyzer judged differently from its label.</summary>
/// <param name="Message">The labelled message.</param>
/// <param name="Severity">The severity the analyzer assigned.</param>
/// <param name="Categories">The categories the analyzer assigned.</param>
public sealed record Misjudgement(LabelledMessage Message, Severity Severity, IReadOnlyList<Category> Categories);

/// <summary>How well the analyzer did on one group of messages (see <see cref="LabelledMessage.Group"/>).</summary>
/// <param name="Count">The number of messages in the group.</param>
/// <param name="SeverityCorrect">How many got exactly their labelled severity.</param>
/// <param name="HostileCorrect">How many were put on the right side of hostile (abusive or worse) versus not.</param>
public readonly record struct GroupMetrics(int Count, int SeverityCorrect, int HostileCorrect)
{
    /// <summary>The share of the group whose severity is exactly right.</summary>
    public double SeverityAccuracy => Count == 0 ? 0 : (double)SeverityCorrect / Count;

    /// <summary>The share of the group on the right side of hostile versus not.</summary>
    public double HostileAccuracy => Count == 0 ? 0 : (double)HostileCorrect / Count;
}

/// <summary>How well the analyzer's judgements agree with a labelled set.</summary>
public sealed class EvaluationReport
{
    private const int SeverityCount = (int)Severity.Threat + 1;

    private readonly int[,] _confusion;

    private EvaluationReport(
        int count,
        int[,] confusion,
        IReadOnlyDictionary<Category, ClassMetrics> categories,
        IReadOnlyDictionary<Severity, ClassMetrics> severities,
        ClassMetrics hostile,
        IReadOnlyDictionary<string, GroupMetrics> groups,
        IReadOnlyList<Misjudgement> misjudgements)
    {
        Groups = groups;
        Count = count;
        _confusion = confusion;
        Categories = categories;
        Severities = severities;
        Hostile = hostile;
        Misjudgements = misjudgements;
    }

    /// <summary>The number of messages evaluated.</summary>
    public int Count { get; }

    /// <summary>One-vs-rest counts per category, for every category in its stable order.</summary>
    public IReadOnlyDictionary<Category, ClassMetrics> Categories { get; }

    /// <summary>One-vs-rest counts per severity level (exact level, not "at least").</summary>
    public IReadOnlyDictionary<Severity, ClassMetrics> Severities { get; }

    /// <summary>
    /// "Hostile" (<see cref="Severity.Abusive"/> or worse) against everything milder: the decision
    /// that matters most to an agent, so a threat labelled abusive still counts as a hit here.
    /// </summary>
    public ClassMetrics Hostile { get; }

    /// <summary>Figures per <see cref="LabelledMessage.Group"/>, ordered by group name; empty when no message has a group.</summary>
    public IReadOnlyDictionary<string, GroupMetrics> Groups { get; }

    /// <summary>The share of messages whose severity the analyzer got exactly right.</summary>
    public double SeverityAccuracy => Count == 0 ? 0 : (double)Enumerable.Range(0, SeverityCount).Sum(i => _confusion[i, i]) / Count;

    /// <summary>The unweighted mean F1 over the categories that occur in the labels or the predictions.</summary>
    public double CategoryMacroF1 => MacroF1(Categories.Values);

    /// <summary>The unweighted mean F1 over the severity levels that occur in the labels or the predictions.</summary>
    public double SeverityMacroF1 => MacroF1(Severities.Values);

    /// <summary>Messages whose severity or categories differ from their label, in input order.</summary>
    public IReadOnlyList<Misjudgement> Misjudgements { get; }

    /// <summary>How many messages labelled <paramref name="expected"/> the analyzer judged <paramref name="predicted"/>.</summary>
    public int Confusion(Severity expected, Severity predicted) => _confusion[(int)expected, (int)predicted];

    /// <summary>Compares each labelled message with the analysis of its text.</summary>
    /// <param name="results">Pairs of a labelled message and the analyzer's judgement of it.</param>
    public static EvaluationReport Compute(IEnumerable<(LabelledMessage Message, Analysis Analysis)> results)
    {
        ArgumentNullException.ThrowIfNull(results);

        var confusion = new int[SeverityCount, SeverityCount];
        var categories = new ClassMetrics[CategoryNames.All.Count];
        var severities = new ClassMetrics[SeverityCount];
        var hostile = default(ClassMetrics);
        var misjudgements = new List<Misjudgement>();
        var groups = new SortedDictionary<string, GroupMetrics>(StringComparer.Ordinal);
        var count = 0;

        foreach (var (message, analysis) in results)
        {
            count++;
            confusion[(int)message.Severity, (int)analysis.Severity]++;
            for (var s = 0; s < SeverityCount; s++)
            {
                severities[s] = severities[s].Add((int)message.Severity == s, (int)analysis.Severity == s);
            }

            var categoriesAgree = true;
            foreach (var category in CategoryNames.All)
            {
                var expected = message.Categories.Contains(category);
                var predicted = analysis.Categories.Contains(category);
                categories[(int)category] = categories[(int)category].Add(expected, predicted);
                categoriesAgree &= expected == predicted;
            }

            var expectedHostile = message.Severity >= Severity.Abusive;
            var predictedHostile = analysis.Severity >= Severity.Abusive;
            hostile = hostile.Add(expectedHostile, predictedHostile);
            if (message.Group is { } group)
            {
                var metrics = groups.GetValueOrDefault(group);
                groups[group] = new GroupMetrics(
                    metrics.Count + 1,
                    metrics.SeverityCorrect + (message.Severity == analysis.Severity ? 1 : 0),
                    metrics.HostileCorrect + (expectedHostile == predictedHostile ? 1 : 0));
            }

            if (!categoriesAgree || message.Severity != analysis.Severity)
            {
                misjudgements.Add(new Misjudgement(message, analysis.Severity, analysis.Categories));
            }
        }

        return new EvaluationReport(
            count,
            confusion,
            CategoryNames.All.ToDictionary(c => c, c => categories[(int)c]),
            Enum.GetValues<Severity>().ToDictionary(s => s, s => severities[(int)s]),
            hostile,
            groups,
            misjudgements);
    }

    private static double MacroF1(IEnumerable<ClassMetrics> metrics)
    {
        var observed = metrics.Where(m => m.IsObserved).ToList();
        return observed.Count == 0 ? 0 : observed.Average(m => m.F1);
    }
}

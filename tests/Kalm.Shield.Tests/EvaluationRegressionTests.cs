using System.Globalization;
using Kalm.Shield.Evaluation;

namespace Kalm.Shield.Tests;

/// <summary>
/// Runs every labelled set through Shield and guards the figures measured when the thresholds were set
/// (a few points below, see docs/shield-evaluation.md), so a lexicon change that costs accuracy fails here.
/// </summary>
public class EvaluationRegressionTests
{
    private static readonly ShieldAnalyzer Analyzer = new();

    [Theory]
    [InlineData("tests/Kalm.Shield.Tests/Data/nl.jsonl", 0.91, 0.94, 0.86, 0.86)]
    [InlineData("tests/Kalm.Shield.Tests/Data/nl-BE.jsonl", 0.90, 0.92, 0.84, 0.87)]
    [InlineData("tests/Kalm.Shield.Tests/Data/en.jsonl", 0.75, 0.82, 0.60, 0.73)]
    [InlineData("tests/Kalm.Shield.Tests/Data/nl-functional.jsonl", 0.92, 0.96, 0.88, 0.88)]
    [InlineData("../shared/data/hatecheck-en/test_suite_cases.csv", 0.74, 0.96, 0.81, 0.31)]
    public void Labelled_set_stays_above_its_measured_figures(
        string relativePath, double minSeverityAccuracy, double minHostilePrecision, double minHostileRecall, double minCategoryMacroF1)
    {
        var path = Path.GetFullPath(Path.Combine(RepositoryRoot(), relativePath));
        Assert.True(File.Exists(path), $"The labelled set {path} is missing; the regression guard cannot run without it.");
        var messages = path.EndsWith(".csv", StringComparison.Ordinal) ? HateCheckReader.ReadFile(path) : LabelledSetReader.ReadFile(path);

        var report = EvaluationReport.Compute(messages.Select(m => (m, Analyzer.Analyze(m.Text, m.Language))));

        var figures = string.Create(
            CultureInfo.InvariantCulture,
            $"{relativePath}: accuracy {report.SeverityAccuracy:0.000}, hostile P {report.Hostile.Precision:0.000} R {report.Hostile.Recall:0.000}, macro F1 {report.CategoryMacroF1:0.000}");
        Assert.True(report.SeverityAccuracy >= minSeverityAccuracy, figures);
        Assert.True(report.Hostile.Precision >= minHostilePrecision, figures);
        Assert.True(report.Hostile.Recall >= minHostileRecall, figures);
        Assert.True(report.CategoryMacroF1 >= minCategoryMacroF1, figures);
    }

    [Fact]
    public void Labelled_sets_are_large_and_hard_enough_to_mean_something()
    {
        IReadOnlyList<Category> customerServiceCategories = CategoryNames.All;
        IReadOnlyList<Category> hateCategories = new[] { Category.Discrimination, Category.Threat, Category.Insult, Category.Profanity, Category.DiseaseCurse };
        foreach (var (file, minimum, categories) in new[]
        {
            ("nl.jsonl", 240, customerServiceCategories),
            ("nl-BE.jsonl", 80, customerServiceCategories),
            ("en.jsonl", 100, customerServiceCategories.Where(c => c != Category.DiseaseCurse).ToList()),
            ("nl-functional.jsonl", 370, hateCategories),
        })
        {
            var messages = LabelledSetReader.ReadFile(Path.Combine(RepositoryRoot(), "tests/Kalm.Shield.Tests/Data", file));
            Assert.True(messages.Count >= minimum, $"{file} has {messages.Count} messages");
            Assert.Equal(messages.Count, messages.Select(m => m.Id).Distinct().Count());

            // At least 40 % hard negatives: messages that must not be flagged beyond tone.
            Assert.True(messages.Count(m => m.Severity == Severity.None) >= messages.Count * 0.4, $"{file} has too few negatives");
            foreach (var category in categories)
            {
                Assert.True(messages.Any(m => m.Categories.Contains(category)), $"{file} has no {category.ToName()} example");
            }
        }
    }

    [Fact]
    public void The_functional_set_covers_every_functionality_with_hateful_and_harmless_cases()
    {
        var messages = LabelledSetReader.ReadFile(Path.Combine(RepositoryRoot(), "tests/Kalm.Shield.Tests/Data/nl-functional.jsonl"));
        var groups = messages.GroupBy(m => m.Group ?? "").ToDictionary(g => g.Key, g => g.ToList());

        foreach (var hateful in new[] { "derog_emote_h", "derog_attrib_h", "dehum_h", "derog_impl_h", "threat_group_h", "slur_h", "ref_pronoun_h", "phrase_q_op_h", "negate_pos_h", "spell_h" })
        {
            Assert.True(groups.TryGetValue(hateful, out var cases) && cases.Count >= 6, $"{hateful} has fewer than 6 cases");
            Assert.All(cases, m => Assert.True(m.Severity >= Severity.Abusive, $"{m.Id} in {hateful} is labelled {m.Severity}"));
        }

        foreach (var harmless in new[] { "counter_nh", "negate_neg_nh", "ident_neutral_nh", "ident_pos_nh", "homonym_nh" })
        {
            Assert.True(groups.TryGetValue(harmless, out var cases) && cases.Count >= 8, $"{harmless} has fewer than 8 cases");
            Assert.All(cases, m => Assert.True(m.Severity <= Severity.Tone, $"{m.Id} in {harmless} is labelled {m.Severity}"));
        }
    }

    /// <summary>The folder holding Kalm.slnx, found by walking up from the test binaries.</summary>
    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Kalm.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Kalm.slnx above {AppContext.BaseDirectory}: the labelled sets cannot be found.");
    }
}

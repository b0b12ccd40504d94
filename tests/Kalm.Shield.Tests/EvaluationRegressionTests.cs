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
    [InlineData("tests/Kalm.Shield.Tests/Data/nl.jsonl", 0.85, 0.90, 0.73, 0.75)]
    [InlineData("tests/Kalm.Shield.Tests/Data/nl-BE.jsonl", 0.85, 0.90, 0.72, 0.78)]
    [InlineData("tests/Kalm.Shield.Tests/Data/en.jsonl", 0.75, 0.82, 0.60, 0.73)]
    [InlineData("../shared/data/hatecheck-en/test_suite_cases.csv", 0.72, 0.95, 0.78, 0.30)]
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
        foreach (var (file, minimum) in new[] { ("nl.jsonl", 240), ("nl-BE.jsonl", 80), ("en.jsonl", 100) })
        {
            var messages = LabelledSetReader.ReadFile(Path.Combine(RepositoryRoot(), "tests/Kalm.Shield.Tests/Data", file));
            Assert.True(messages.Count >= minimum, $"{file} has {messages.Count} messages");
            Assert.Equal(messages.Count, messages.Select(m => m.Id).Distinct().Count());

            // At least 40 % hard negatives: messages that must not be flagged beyond tone.
            Assert.True(messages.Count(m => m.Severity == Severity.None) >= messages.Count * 0.4, $"{file} has too few negatives");
            foreach (var category in CategoryNames.All.Where(c => c != Category.DiseaseCurse || file != "en.jsonl"))
            {
                Assert.True(messages.Any(m => m.Categories.Contains(category)), $"{file} has no {category.ToName()} example");
            }
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

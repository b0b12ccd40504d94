using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Kalm.Shield.Evaluation;

namespace Kalm.Shield.Cli;

/// <summary>The <c>eval</c> command: runs a labelled set through Shield and prints how well it agrees.</summary>
internal static class EvalCommand
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static int Run(CommandLine options, Stream stdout, TextWriter stderr)
    {
        if (options.Unexpected(["data", "format", "json", "errors"]) is { } unexpected)
        {
            return ShieldCli.Fail(stderr, $"unknown option --{unexpected}");
        }

        if (options.Value("data") is not { } path)
        {
            return ShieldCli.Fail(stderr, "eval needs --data FILE");
        }

        var format = options.Value("format")
            ?? (path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? "hatecheck" : "jsonl");
        if (format is not ("jsonl" or "hatecheck"))
        {
            return ShieldCli.Fail(stderr, $"unknown format \"{format}\" (use jsonl or hatecheck)");
        }

        if (!File.Exists(path))
        {
            return ShieldCli.Fail(stderr, $"data file \"{path}\" does not exist");
        }

        IReadOnlyList<LabelledMessage> messages;
        try
        {
            messages = format == "hatecheck" ? HateCheckReader.ReadFile(path) : LabelledSetReader.ReadFile(path);
        }
        catch (FormatException e)
        {
            stderr.WriteLine($"kalm-shield: {path}: {e.Message}");
            return ShieldCli.DataError;
        }

        var analyzer = new ShieldAnalyzer();
        var report = EvaluationReport.Compute(messages.Select(m => (m, analyzer.Analyze(m.Text, m.Language))));
        if (options.Has("json"))
        {
            WriteJson(report, path, options.Has("errors"), stdout);
        }
        else
        {
            using var writer = new StreamWriter(stdout, leaveOpen: true);
            WriteText(report, path, options.Has("errors"), writer);
        }

        return ShieldCli.Success;
    }

    private static void WriteText(EvaluationReport report, string path, bool listErrors, TextWriter output)
    {
        output.WriteLine($"data: {path} ({report.Count} messages)");
        output.WriteLine(string.Create(Invariant, $"severity accuracy: {report.SeverityAccuracy:0.000}"));
        var hostile = report.Hostile;
        output.WriteLine(string.Create(Invariant, $"hostile (>= abusive): precision {hostile.Precision:0.000}  recall {hostile.Recall:0.000}  F1 {hostile.F1:0.000}  (support {hostile.Support})"));
        output.WriteLine(string.Create(Invariant, $"category macro F1: {report.CategoryMacroF1:0.000}   severity macro F1: {report.SeverityMacroF1:0.000}"));
        output.WriteLine();
        output.WriteLine($"{"category",-18} {"support",7} {"predicted",9} {"precision",9} {"recall",7} {"F1",6}");
        foreach (var (category, metrics) in report.Categories)
        {
            WriteRow(output, category.ToName(), metrics);
        }

        output.WriteLine();
        output.WriteLine($"{"severity",-18} {"support",7} {"predicted",9} {"precision",9} {"recall",7} {"F1",6}");
        foreach (var (severity, metrics) in report.Severities)
        {
            WriteRow(output, severity.ToName(), metrics);
        }

        output.WriteLine();
        output.WriteLine("severity confusion (rows: labelled, columns: analysed)");
        var severities = Enum.GetValues<Severity>();
        output.WriteLine($"{"",-9}" + string.Concat(severities.Select(s => $"{s.ToName(),8}")));
        foreach (var expected in severities)
        {
            output.WriteLine($"{expected.ToName(),-9}" + string.Concat(severities.Select(p => $"{report.Confusion(expected, p),8}")));
        }

        if (report.Groups.Count > 0)
        {
            output.WriteLine();
            output.WriteLine($"{"group (weakest first)",-28} {"count",6} {"severity acc",12} {"hostile acc",11}");
            foreach (var (group, metrics) in report.Groups.OrderBy(g => g.Value.HostileAccuracy).ThenBy(g => g.Key, StringComparer.Ordinal))
            {
                output.WriteLine(string.Create(Invariant, $"{group,-28} {metrics.Count,6} {metrics.SeverityAccuracy,12:0.000} {metrics.HostileAccuracy,11:0.000}"));
            }
        }

        if (listErrors)
        {
            output.WriteLine();
            output.WriteLine($"misjudged ({report.Misjudgements.Count}): id  labelled -> analysed  text");
            foreach (var m in report.Misjudgements)
            {
                output.WriteLine(
                    $"{m.Message.Id}  {Describe(m.Message.Severity, m.Message.Categories)} -> {Describe(m.Severity, m.Categories)}  {m.Message.Text.ReplaceLineEndings(" ")}");
            }
        }
    }

    private static void WriteRow(TextWriter output, string name, ClassMetrics m) =>
        output.WriteLine(string.Create(Invariant, $"{name,-18} {m.Support,7} {m.Predicted,9} {m.Precision,9:0.000} {m.Recall,7:0.000} {m.F1,6:0.000}"));

    private static string Describe(Severity severity, IReadOnlyList<Category> categories) =>
        $"{severity.ToName()}[{string.Join(',', categories.Select(c => c.ToName()))}]";

    private static void WriteJson(EvaluationReport report, string path, bool listErrors, Stream stdout)
    {
        using var json = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("data", path);
        json.WriteNumber("count", report.Count);
        json.WriteNumber("severity_accuracy", Math.Round(report.SeverityAccuracy, 4));
        json.WriteNumber("category_macro_f1", Math.Round(report.CategoryMacroF1, 4));
        json.WriteNumber("severity_macro_f1", Math.Round(report.SeverityMacroF1, 4));
        json.WritePropertyName("hostile");
        WriteMetrics(json, report.Hostile);
        json.WriteStartObject("categories");
        foreach (var (category, metrics) in report.Categories)
        {
            json.WritePropertyName(category.ToName());
            WriteMetrics(json, metrics);
        }

        json.WriteEndObject();
        json.WriteStartObject("severities");
        foreach (var (severity, metrics) in report.Severities)
        {
            json.WritePropertyName(severity.ToName());
            WriteMetrics(json, metrics);
        }

        json.WriteEndObject();
        json.WriteStartObject("confusion");
        foreach (var expected in Enum.GetValues<Severity>())
        {
            json.WriteStartObject(expected.ToName());
            foreach (var predicted in Enum.GetValues<Severity>())
            {
                json.WriteNumber(predicted.ToName(), report.Confusion(expected, predicted));
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteStartObject("groups");
        foreach (var (group, metrics) in report.Groups)
        {
            json.WriteStartObject(group);
            json.WriteNumber("count", metrics.Count);
            json.WriteNumber("severity_accuracy", Math.Round(metrics.SeverityAccuracy, 4));
            json.WriteNumber("hostile_accuracy", Math.Round(metrics.HostileAccuracy, 4));
            json.WriteEndObject();
        }

        json.WriteEndObject();
        if (listErrors)
        {
            json.WriteStartArray("errors");
            foreach (var m in report.Misjudgements)
            {
                json.WriteStartObject();
                json.WriteString("id", m.Message.Id);
                json.WriteString("text", m.Message.Text);
                json.WriteString("expected_severity", m.Message.Severity.ToName());
                WriteNames(json, "expected_categories", m.Message.Categories);
                json.WriteString("severity", m.Severity.ToName());
                WriteNames(json, "categories", m.Categories);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
        json.Flush();
        stdout.WriteByte((byte)'\n');
        stdout.Flush();
    }

    private static void WriteMetrics(Utf8JsonWriter json, ClassMetrics m)
    {
        json.WriteStartObject();
        json.WriteNumber("support", m.Support);
        json.WriteNumber("predicted", m.Predicted);
        json.WriteNumber("precision", Math.Round(m.Precision, 4));
        json.WriteNumber("recall", Math.Round(m.Recall, 4));
        json.WriteNumber("f1", Math.Round(m.F1, 4));
        json.WriteEndObject();
    }

    private static void WriteNames(Utf8JsonWriter json, string name, IReadOnlyList<Category> categories)
    {
        json.WriteStartArray(name);
        foreach (var category in categories)
        {
            json.WriteStringValue(category.ToName());
        }

        json.WriteEndArray();
    }
}

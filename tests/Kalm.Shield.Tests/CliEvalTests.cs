using System.Text;
using System.Text.Json;
using Kalm.Shield.Cli;

namespace Kalm.Shield.Tests;

public sealed class CliEvalTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kalm-eval-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        using var stdout = new MemoryStream();
        using var stderr = new StringWriter();
        var exitCode = ShieldCli.Run(args, Stream.Null, stdout, stderr);
        return (exitCode, Encoding.UTF8.GetString(stdout.ToArray()), stderr.ToString());
    }

    private string WriteFile(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void Json_report_counts_what_the_analyzer_got_right_and_lists_errors()
    {
        var path = WriteFile("set.jsonl",
            """
            {"id":"1","text":"Ik weet waar je woont","lang":"nl","severity":"threat","categories":["threat"]}
            {"id":"2","text":"Mijn pakket is nog niet bezorgd.","lang":"nl","severity":"none","categories":[]}
            {"id":"3","text":"Mijn pakket is nog niet bezorgd.","lang":"nl","severity":"abusive","categories":["insult"]}
            """);

        var (exitCode, output, _) = Run("eval", "--data", path, "--json", "--errors");

        Assert.Equal(ShieldCli.Success, exitCode);
        var report = JsonDocument.Parse(output).RootElement;
        Assert.Equal(3, report.GetProperty("count").GetInt32());
        // Message 3 is deliberately mislabelled: the same harmless text cannot be abusive.
        Assert.Equal(0.6667, report.GetProperty("severity_accuracy").GetDouble());
        Assert.Equal(1, report.GetProperty("confusion").GetProperty("abusive").GetProperty("none").GetInt32());
        Assert.Equal(1, report.GetProperty("categories").GetProperty("insult").GetProperty("support").GetInt32());
        Assert.Equal(0.5, report.GetProperty("hostile").GetProperty("recall").GetDouble());
        var error = Assert.Single(report.GetProperty("errors").EnumerateArray());
        Assert.Equal("3", error.GetProperty("id").GetString());
        Assert.Equal("none", error.GetProperty("severity").GetString());
    }

    [Fact]
    public void Text_report_prints_the_headline_figures_and_the_confusion_matrix()
    {
        var path = WriteFile("set.jsonl", "{\"id\":\"1\",\"text\":\"hoi\",\"severity\":\"none\"}\n");

        var (exitCode, output, _) = Run("eval", "--data", path);

        Assert.Equal(ShieldCli.Success, exitCode);
        Assert.Contains("severity accuracy: 1.000", output);
        Assert.Contains("severity confusion", output);
        Assert.Contains("disease_curse", output);
    }

    [Fact]
    public void A_bad_labelled_set_is_a_data_error_naming_the_line()
    {
        var path = WriteFile("bad.jsonl", "{\"id\":\"1\",\"text\":\"hoi\",\"severity\":\"none\"}\n{\"id\":\"2\",\"text\":\"hoi\"}\n");

        var (exitCode, _, error) = Run("eval", "--data", path);

        Assert.Equal(ShieldCli.DataError, exitCode);
        Assert.Contains("line 2", error);
        Assert.Contains("severity", error);
    }

    [Fact]
    public void A_csv_file_is_read_as_HateCheck()
    {
        var path = WriteFile("cases.csv",
            ",functionality,case_id,test_case,label_gold\n0,profanity_nh,1,\"Fuck, what a day\",non-hateful\n1,target_obj_nh,2,I hate pizza.,non-hateful\n");

        var (exitCode, output, _) = Run("eval", "--data", path, "--json");

        Assert.Equal(ShieldCli.Success, exitCode);
        var report = JsonDocument.Parse(output).RootElement;
        Assert.Equal(2, report.GetProperty("count").GetInt32());
        Assert.Equal(1, report.GetProperty("severities").GetProperty("rude").GetProperty("support").GetInt32());
    }
}

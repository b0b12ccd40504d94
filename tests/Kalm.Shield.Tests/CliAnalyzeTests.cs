using System.Text;
using System.Text.Json;
using Kalm.Shield.Cli;

namespace Kalm.Shield.Tests;

public class CliAnalyzeTests
{
    private static (int ExitCode, List<JsonElement> Lines, string Error) Run(string input, params string[] args)
    {
        using var stdin = new MemoryStream(Encoding.UTF8.GetBytes(input));
        using var stdout = new MemoryStream();
        using var stderr = new StringWriter();
        var exitCode = ShieldCli.Run(args, stdin, stdout, stderr);
        var lines = Encoding.UTF8.GetString(stdout.ToArray())
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.Clone())
            .ToList();
        return (exitCode, lines, stderr.ToString());
    }

    [Fact]
    public void Analyze_keeps_order_and_echoes_ids_as_given()
    {
        var (exitCode, lines, _) = Run(
            """
            {"id":"b","text":"Kankerlijers, waar blijft mijn pakket 4821?","channel":"mail"}
            {"id":2,"text":"Bedankt voor je geduld"}
            {"id":"a","text":"Ik weet waar je woont"}
            """,
            "analyze");

        Assert.Equal(ShieldCli.Success, exitCode);
        Assert.Equal(3, lines.Count);
        Assert.Equal("b", lines[0].GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Number, lines[1].GetProperty("id").ValueKind);
        Assert.Equal(2, lines[1].GetProperty("id").GetInt32());
        Assert.Equal("a", lines[2].GetProperty("id").GetString());

        Assert.Equal("abusive", lines[0].GetProperty("severity").GetString());
        Assert.Contains("disease_curse", lines[0].GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        Assert.DoesNotContain("Kankerlijers", lines[0].GetProperty("masked").GetString());
        Assert.Contains("4821", lines[0].GetProperty("masked").GetString());
        var span = lines[0].GetProperty("spans")[0];
        Assert.Equal(0, span.GetProperty("start").GetInt32());
        Assert.True(span.GetProperty("length").GetInt32() > 0);
        Assert.False(string.IsNullOrEmpty(span.GetProperty("rule").GetString()));

        Assert.Equal("none", lines[1].GetProperty("severity").GetString());
        Assert.Equal("threat", lines[2].GetProperty("severity").GetString());
    }

    [Fact]
    public void Thousands_of_lines_analysed_in_parallel_come_out_in_input_order()
    {
        // More lines than one batch, with bad lines between them, so the order across batches is checked.
        var input = string.Join('\n', Enumerable.Range(1, 2500).Select(i => i % 7 == 0
            ? "{ broken"
            : $$"""{"id":{{i}},"text":"{{(i % 3 == 0 ? "kankerlijer nummer " : "vraag nummer ") + i}}"}"""));

        var (exitCode, lines, _) = Run(input, "analyze");

        Assert.Equal(0, exitCode);
        Assert.Equal(2500, lines.Count);
        for (var i = 1; i <= 2500; i++)
        {
            var line = lines[i - 1];
            if (i % 7 == 0)
            {
                Assert.Equal(i, line.GetProperty("line").GetInt32());
                Assert.True(line.TryGetProperty("error", out _));
            }
            else
            {
                Assert.Equal(i, line.GetProperty("id").GetInt32());
                Assert.Equal(i % 3 == 0 ? "abusive" : "none", line.GetProperty("severity").GetString());
            }
        }
    }

    [Fact]
    public void Bad_lines_become_error_objects_and_the_run_goes_on()
    {
        var (exitCode, lines, _) = Run(
            "{\"id\":\"1\",\"text\":\"hallo\"}\n" +
            "not json\n" +
            "{\"id\":\"3\"}\n" +
            "{\"id\":\"4\",\"text\":42}\n" +
            "\n   \n" +
            "{\"id\":\"7\",\"text\":\"a\"} {\"id\":\"8\"}\n" +
            "[1,2]\n" +
            "{\"id\":\"9\",\"text\":\"tot ziens\"}",
            "analyze");

        Assert.Equal(ShieldCli.Success, exitCode);
        Assert.Equal(7, lines.Count);
        Assert.Equal("1", lines[0].GetProperty("id").GetString());

        Assert.Equal(2, lines[1].GetProperty("line").GetInt32());
        Assert.Contains("malformed JSON", lines[1].GetProperty("error").GetString());
        Assert.False(lines[1].TryGetProperty("id", out _));

        Assert.Equal("3", lines[2].GetProperty("id").GetString());
        Assert.Equal(3, lines[2].GetProperty("line").GetInt32());
        Assert.Contains("missing \"text\"", lines[2].GetProperty("error").GetString());

        Assert.Contains("must be a string", lines[3].GetProperty("error").GetString());

        // Blank lines are skipped but still counted, so line numbers match the input file.
        Assert.Equal(7, lines[4].GetProperty("line").GetInt32());
        Assert.Equal(8, lines[5].GetProperty("line").GetInt32());
        Assert.Contains("JSON object", lines[5].GetProperty("error").GetString());

        Assert.Equal("9", lines[6].GetProperty("id").GetString());
        Assert.Equal("tot ziens", lines[6].GetProperty("masked").GetString());
    }

    [Fact]
    public void A_byte_order_mark_before_the_first_line_is_ignored()
    {
        var (_, lines, _) = Run("\uFEFF{\"id\":\"bom\",\"text\":\"hoi\"}\r\n", "analyze");

        Assert.Equal("bom", Assert.Single(lines).GetProperty("id").GetString());
    }

    [Fact]
    public void A_numeric_id_keeps_its_spelling()
    {
        using var stdin = new MemoryStream("{\"text\":\"hoi\",\"id\":7.50}\n"u8.ToArray());
        using var stdout = new MemoryStream();

        ShieldCli.Run(["analyze"], stdin, stdout, TextWriter.Null);

        Assert.StartsWith("{\"id\":7.50,", Encoding.UTF8.GetString(stdout.ToArray()));
    }

    [Fact]
    public void A_message_the_analyzer_fails_on_becomes_an_error_and_the_run_goes_on()
    {
        using var stdin = new MemoryStream("{\"id\":\"1\",\"text\":\"boom\"}\n{\"id\":\"2\",\"text\":\"hoi\"}\n"u8.ToArray());
        using var stdout = new MemoryStream();

        new AnalyzeCommand(new FailingOn("boom"), plainText: false, languageHint: null).Run(stdin, stdout);

        var lines = Encoding.UTF8.GetString(stdout.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Equal("1", lines[0].GetProperty("id").GetString());
        Assert.Contains("analysis failed", lines[0].GetProperty("error").GetString());
        Assert.Equal("2", lines[1].GetProperty("id").GetString());
        Assert.Equal("none", lines[1].GetProperty("severity").GetString());
    }

    private sealed class FailingOn(string poison) : IMessageAnalyzer
    {
        private readonly ShieldAnalyzer _shield = new();

        public Analysis Analyze(string text, string? languageHint = null) =>
            text == poison ? throw new InvalidOperationException("engine fault") : _shield.Analyze(text, languageHint);
    }

    [Fact]
    public void Text_mode_reads_plain_lines_and_numbers_them()
    {
        var (exitCode, lines, _) = Run("WAAR IS MIJN PAKKET\r\n\r\n{\"not\":\"json\"}\nkrijg de tering", "analyze", "--text", "--lang", "nl");

        Assert.Equal(ShieldCli.Success, exitCode);
        Assert.Equal([1, 3, 4], lines.Select(l => l.GetProperty("id").GetInt32()));
        Assert.Equal("tone", lines[0].GetProperty("severity").GetString());
        Assert.Equal("{\"not\":\"json\"}", lines[1].GetProperty("masked").GetString());
        Assert.Equal("abusive", lines[2].GetProperty("severity").GetString());
    }

    [Fact]
    public void Escaped_unicode_is_decoded_before_analysis_and_written_back_readable()
    {
        // "kanker" spelled with \u escapes, and an accented word that must round-trip.
        var (_, lines, _) = Run("{\"id\":\"u\",\"text\":\"\\u006b\\u0061nker op, caf\\u00e9 \\ud83d\\ude00\"}\n", "analyze");

        var line = Assert.Single(lines);
        Assert.Equal("abusive", line.GetProperty("severity").GetString());
        Assert.EndsWith("café 😀", line.GetProperty("masked").GetString());
    }

    [Fact]
    public void A_one_megabyte_line_is_analysed_whole()
    {
        var text = string.Concat(Enumerable.Repeat("mijn pakket is nog niet bezorgd ", 33_000)) + "kankerlijers";
        Assert.True(text.Length > 1_000_000);
        var input = JsonSerializer.Serialize(new { id = "big", text }) + "\n{\"id\":\"next\",\"text\":\"hoi\"}\n";

        var (_, lines, _) = Run(input, "analyze");

        Assert.Equal(2, lines.Count);
        Assert.Equal("abusive", lines[0].GetProperty("severity").GetString());
        var span = lines[0].GetProperty("spans").EnumerateArray().Last();
        Assert.Equal(text.Length - "kankerlijers".Length, span.GetProperty("start").GetInt32());
        Assert.Equal("next", lines[1].GetProperty("id").GetString());
    }

    [Fact]
    public void Passthrough_writes_the_same_shape_without_analysing()
    {
        var (exitCode, lines, _) = Run("{\"id\":\"p\",\"text\":\"krijg de tering\"}\nbroken\n", "passthrough");

        Assert.Equal(ShieldCli.Success, exitCode);
        Assert.Equal("none", lines[0].GetProperty("severity").GetString());
        Assert.Equal(0, lines[0].GetProperty("spans").GetArrayLength());
        Assert.Equal("krijg de tering", lines[0].GetProperty("masked").GetString());
        Assert.True(lines[1].TryGetProperty("error", out _));
    }

    [Theory]
    [InlineData]
    [InlineData("frobnicate")]
    [InlineData("analyze", "--colour", "red")]
    [InlineData("analyze", "stray")]
    [InlineData("eval")]
    [InlineData("eval", "--data")]
    [InlineData("eval", "--data", "/nonexistent/set.jsonl")]
    [InlineData("eval", "--data", "x.jsonl", "--format", "xml")]
    public void Usage_errors_exit_with_code_2_and_a_message(params string[] args)
    {
        var (exitCode, lines, error) = Run("", args);

        Assert.Equal(ShieldCli.UsageError, exitCode);
        Assert.Empty(lines);
        Assert.Contains("kalm-shield:", error);
    }
}

using System.Text;

namespace Kalm.Shield.Tests;

public class RobustnessTests
{
    private static readonly ShieldAnalyzer Analyzer = new();

    public static TheoryData<string> PathologicalInputs() => new()
    {
        new string('a', 50_000),
        new string('!', 50_000),
        new string('\u200B', 50_000),
        new string('*', 50_000),
        string.Concat(Enumerable.Repeat("k ", 25_000)),
        string.Concat(Enumerable.Repeat("ik weet ", 6_000)),
        string.Concat(Enumerable.Repeat("KANKER ", 7_000)),
        string.Concat(Enumerable.Repeat("😡", 25_000)),
        string.Concat(Enumerable.Repeat("\uD83D", 1_000)),
        string.Concat(Enumerable.Repeat("&*@#", 12_000)),
    };

    [Theory]
    [MemberData(nameof(PathologicalInputs))]
    public void Pathological_input_is_handled(string text)
    {
        var result = Analyzer.Analyze(text);

        AssertInvariants(text, result);
    }

    [Fact]
    public void Empty_text_is_none()
    {
        var result = Analyzer.Analyze(string.Empty);

        Assert.Equal(Severity.None, result.Severity);
        Assert.Equal(string.Empty, result.Masked);
    }

    [Fact]
    public void Null_text_is_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => Analyzer.Analyze(null!));
    }

    [Fact]
    public void Random_unicode_keeps_the_invariants()
    {
        var random = new Random(20261122);
        const string Alphabet = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ .,!?*@#$%&0123456789'-_\n\tàéëïöü\u200B\u200D\u00ADкаеορ";
        string[] words = ["kanker", "ik", "weet", "waar", "je", "woont", "idioot", "jij", "geen", "vuile", "moslims", "fuck", "you", "I", "hate", "women"];
        for (var n = 0; n < 2_000; n++)
        {
            var builder = new StringBuilder();
            var length = random.Next(0, 200);
            for (var i = 0; i < length; i++)
            {
                var pick = random.Next(10);
                if (pick < 3)
                {
                    builder.Append(words[random.Next(words.Length)]).Append(' ');
                }
                else if (pick < 8)
                {
                    builder.Append(Alphabet[random.Next(Alphabet.Length)]);
                }
                else
                {
                    builder.Append((char)random.Next(0, 0x10000));
                }
            }

            var text = builder.ToString();
            AssertInvariants(text, Analyzer.Analyze(text, random.Next(3) switch { 0 => null, 1 => "nl", _ => "en" }));
        }
    }

    [Fact]
    public void Parallel_analysis_equals_sequential_analysis()
    {
        string[] messages =
        [
            "Kankerlijers, waar blijft mijn pakket 4821?",
            "ik weet waar je woont",
            "WAAR IS MIJN PAKKET!!!",
            "bedankt voor je geduld",
            "Mijn moeder heeft kanker",
            "jij sukkel",
            "I hate immigrants",
            string.Concat(Enumerable.Repeat("tyfus ", 500)),
        ];
        var inputs = Enumerable.Range(0, 4_000).Select(i => messages[i % messages.Length]).ToArray();
        var sequential = inputs.Select(text => Describe(Analyzer.Analyze(text))).ToArray();

        var parallel = new string[inputs.Length];
        Parallel.For(0, inputs.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => parallel[i] = Describe(Analyzer.Analyze(inputs[i])));

        Assert.Equal(sequential, parallel);
    }

    private static string Describe(Analysis result) =>
        $"{result.Severity}|{string.Join(",", result.Categories)}|{string.Join(";", result.Spans)}|{result.Masked}|{result.Score}";

    private static void AssertInvariants(string text, Analysis result)
    {
        Assert.NotNull(result.Masked);
        Assert.InRange(result.Score, 0, 1);
        foreach (var span in result.Spans)
        {
            Assert.InRange(span.Start, 0, text.Length - 1);
            Assert.InRange(span.Length, 1, text.Length - span.Start);
            Assert.False(string.IsNullOrEmpty(span.Rule));
        }

        Assert.Equal(result.Spans.Select(s => s.Category).Distinct().Order(), result.Categories);
        if (result.Spans.Count == 0)
        {
            Assert.Equal(Severity.None, result.Severity);
            Assert.Same(text, result.Masked);
        }
    }
}

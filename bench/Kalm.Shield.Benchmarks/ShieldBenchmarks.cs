using BenchmarkDotNet.Attributes;

namespace Kalm.Shield.Benchmarks;

/// <summary>
/// Time per batch of a realistic mix. Divide the batch's bytes (printed at setup and listed in
/// docs/benchmarks.md) by the mean for MB/s.
/// </summary>
[MemoryDiagnoser]
public class MixBenchmarks
{
    private readonly ShieldAnalyzer _analyzer = new();
    private string[] _chat = [];
    private string[] _mails = [];
    private string[] _pathological = [];

    [GlobalSetup]
    public void Setup()
    {
        _chat = Messages.Chat(1000);
        _mails = Messages.Mails(100);
        _pathological = [.. Messages.Pathological(50_000).Values];
        Console.WriteLine($"// bytes: chat {Messages.Utf8Bytes(_chat)}, mails {Messages.Utf8Bytes(_mails)}, pathological {Messages.Utf8Bytes(_pathological)}");
    }

    /// <summary>1 000 chat lines.</summary>
    [Benchmark]
    public int Chat1000() => Analyze(_chat);

    /// <summary>100 mails of about 2 KB.</summary>
    [Benchmark]
    public int Mails100() => Analyze(_mails);

    /// <summary>The eight 50 KB pathological inputs.</summary>
    [Benchmark]
    public int Pathological8x50KB() => Analyze(_pathological);

    private int Analyze(string[] messages)
    {
        var hostile = 0;
        foreach (var message in messages)
        {
            if (_analyzer.Analyze(message).Severity >= Severity.Abusive)
            {
                hostile++;
            }
        }

        return hostile;
    }
}

/// <summary>One pathological input at three sizes: time must grow in proportion to length.</summary>
[MemoryDiagnoser]
public class ScalingBenchmarks
{
    private readonly ShieldAnalyzer _analyzer = new();
    private string _text = string.Empty;

    [Params("spaced-letters", "symbol-run", "random-unicode", "near-misses")]
    public string Input { get; set; } = string.Empty;

    [Params(5_000, 50_000, 500_000)]
    public int Length { get; set; }

    [GlobalSetup]
    public void Setup() => _text = Messages.Pathological(Length)[Input];

    [Benchmark]
    public Severity Analyze() => _analyzer.Analyze(_text).Severity;
}

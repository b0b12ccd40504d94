using BenchmarkDotNet.Attributes;

namespace Kalm.Shield.Benchmarks;

/// <summary>
/// Time per message on a realistic mix. Each benchmark analyses a whole batch and declares the batch
/// size as its operations per invocation, so Mean and Allocated are per message and the MB/s column
/// (<see cref="ThroughputColumn"/>) is the batch's UTF-8 bytes over its time.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class MixBenchmarks
{
    /// <summary>Chat lines per batch.</summary>
    public const int ChatCount = 1_000;

    /// <summary>Mails per batch.</summary>
    public const int MailCount = 100;

    /// <summary>Pathological inputs per batch: one of each kind.</summary>
    public const int PathologicalCount = 8;

    /// <summary>Length of each pathological input, in characters.</summary>
    public const int PathologicalLength = 50_000;

    private readonly ShieldAnalyzer _analyzer = new();
    private Message[] _chat = [];
    private Message[] _mails = [];
    private Message[] _cleanMails = [];
    private Message[] _pathological = [];

    /// <summary>The messages each benchmark analyses, by benchmark name; the throughput column counts their bytes.</summary>
    public static Message[] Batch(string benchmark) => benchmark switch
    {
        nameof(ChatLine) => Messages.Chat(ChatCount),
        nameof(Mail2KB) => [.. Messages.Mails(MailCount).Select(m => new Message(m, "nl"))],
        nameof(CleanMail2KB) => [.. Messages.CleanMails(MailCount).Select(m => new Message(m, "nl"))],
        nameof(Pathological50KB) => [.. Messages.Pathological(PathologicalLength).Values.Select(m => new Message(m, null))],
        _ => throw new ArgumentOutOfRangeException(nameof(benchmark), benchmark, "not a benchmark of this class"),
    };

    [GlobalSetup]
    public void Setup()
    {
        _chat = Batch(nameof(ChatLine));
        _mails = Batch(nameof(Mail2KB));
        _cleanMails = Batch(nameof(CleanMail2KB));
        _pathological = Batch(nameof(Pathological50KB));

        // The clean batch must stay free of findings (praise included) as the lexicons grow, or its
        // allocation figure no longer shows the cost of a message Shield has nothing to say about.
        if (_cleanMails.Select(m => _analyzer.Analyze(m.Text, m.Language)).FirstOrDefault(a => a.Spans.Count > 0) is { } flagged)
        {
            throw new InvalidOperationException($"A clean benchmark mail has findings: {string.Join(", ", flagged.Spans)}");
        }
    }

    /// <summary>A chat line of 20 to 90 characters, Dutch, Flemish or English.</summary>
    [Benchmark(OperationsPerInvoke = ChatCount)]
    public int ChatLine() => Analyze(_chat);

    /// <summary>A complaint mail of about 2 KB, abusive in about half of them.</summary>
    [Benchmark(OperationsPerInvoke = MailCount)]
    public int Mail2KB() => Analyze(_mails);

    /// <summary>A polite mail of about 2 KB: nothing to report, so nothing but the result allocated.</summary>
    [Benchmark(OperationsPerInvoke = MailCount)]
    public int CleanMail2KB() => Analyze(_cleanMails);

    /// <summary>A 50 KB pathological input (averaged over the eight kinds).</summary>
    [Benchmark(OperationsPerInvoke = PathologicalCount)]
    public int Pathological50KB() => Analyze(_pathological);

    private int Analyze(Message[] messages)
    {
        var hostile = 0;
        foreach (var message in messages)
        {
            if (_analyzer.Analyze(message.Text, message.Language).Severity >= Severity.Abusive)
            {
                hostile++;
            }
        }

        return hostile;
    }
}

/// <summary>One pathological input at three sizes: time must grow in proportion to length.</summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class ScalingBenchmarks
{
    private readonly ShieldAnalyzer _analyzer = new();
    private string _text = string.Empty;

    /// <summary>Which pathological input (see <see cref="Messages.Pathological"/>).</summary>
    [Params("spaced-letters", "separators", "one-token", "symbol-run", "near-misses", "random-unicode")]
    public string Input { get; set; } = string.Empty;

    /// <summary>Length in characters.</summary>
    [Params(5_000, 50_000, 500_000)]
    public int Length { get; set; }

    [GlobalSetup]
    public void Setup() => _text = Messages.Pathological(Length)[Input];

    /// <summary>One call on the whole input.</summary>
    [Benchmark]
    public Severity Analyze() => _analyzer.Analyze(_text).Severity;
}

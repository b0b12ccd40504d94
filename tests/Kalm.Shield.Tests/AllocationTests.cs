namespace Kalm.Shield.Tests;

/// <summary>
/// Shield reuses its working memory per thread, so a message allocates its result and next to nothing
/// else. Counted with the runtime's own allocation counter, which is exact for the calling thread and
/// independent of timing; the bounds are derived from the size of the result objects themselves.
/// </summary>
[Collection(AllocationCollection.Name)]
public class AllocationTests
{
    /// <summary>
    /// Counted calls per measurement. A one-off allocation of the runtime during the loop (a tiering stub,
    /// a lazy cache) is spread over them, so it stays under <see cref="AmortisedSlack"/>.
    /// </summary>
    private const int Calls = 500;

    /// <summary>Measurements per case, of which the least counts.</summary>
    private const int Rounds = 3;

    /// <summary>
    /// Slack per call for those one-off allocations: below the 24 bytes of the smallest object, so it can
    /// never hide an object allocated on every call.
    /// </summary>
    private const int AmortisedSlack = 16;

    /// <summary>
    /// The span list is sized for the findings before they merge into spans: 8 bytes of spare capacity per
    /// merged finding. Room for four.
    /// </summary>
    private const int MergedFindings = 32;

    /// <summary>
    /// Masking writes through a StringBuilder presized to the text: besides the buffer of the text's length
    /// (added per message), the builder object (48 bytes) and the buffer's array header (24 bytes).
    /// </summary>
    private const int MaskingBuilder = 72;

    private static readonly ShieldAnalyzer Analyzer = new();

    private static Analysis? _kept;

    [Theory]
    [InlineData(72, null)]
    [InlineData(72, "nl")]
    [InlineData(2_000, "nl")]
    [InlineData(2_000, "en")]
    [InlineData(30_000, "nl-BE")]
    public void A_clean_message_allocates_only_its_result_whatever_its_length(int length, string? languageHint)
    {
        // Up to the 64 K characters the per-thread scratch keeps; above that it is released after each
        // message on purpose (docs/benchmarks.md), so one huge mail does not pin memory.
        var text = string.Concat(Enumerable.Repeat("Mijn internet doet het sinds vanochtend niet meer. ", (length / 51) + 1))[..length];
        Assert.Empty(Analyzer.Analyze(text, languageHint).Spans);

        var perCall = BytesPerCall(text, languageHint);

        // A clean result is one Analysis object: empty shared lists, and the input string as masked text.
        var bound = ResultBytes(Analyzer.Analyze(text, languageHint), text) + AmortisedSlack;
        Assert.True(perCall <= bound, $"{perCall} bytes per clean message of {length} characters; bound {bound}");
    }

    [Theory]
    [InlineData("Kankerlijer, los het nou eens op", "nl")]
    [InlineData("k@nker bedrijf, jullie zijn allemaal 1d1oten", "nl")]
    [InlineData("Da's hier ne schande, ge zijt allemaal klootzakken", "nl-BE")]
    [InlineData("You people are useless idiots, fix it NOW", "en")]
    [InlineData("WAAR BLIJFT MIJN PAKKET?????", "nl")]
    public void A_hostile_message_allocates_its_result_and_a_masking_buffer(string text, string? languageHint)
    {
        AssertHostileWithinBound(text, languageHint);
    }

    [Fact]
    public void A_long_hostile_mail_allocates_no_second_copy_of_its_text()
    {
        // A 2 KB mail: a second copy of the text (4 KB) would exceed the bound many times over.
        var text = string.Concat(Enumerable.Repeat("Mijn internet doet het sinds vanochtend niet meer. ", 40)) + "Klootzakken.";

        AssertHostileWithinBound(text, "nl");
    }

    private static void AssertHostileWithinBound(string text, string? languageHint)
    {
        var result = Analyzer.Analyze(text, languageHint);
        Assert.NotEmpty(result.Spans);

        var perCall = BytesPerCall(text, languageHint);

        var masked = !ReferenceEquals(result.Masked, text);
        var bound = ResultBytes(result, text) + (masked ? (2 * text.Length) + MaskingBuilder : 0)
            + MergedFindings + AmortisedSlack;
        Assert.True(perCall <= bound, $"{perCall} bytes per hostile message of {text.Length} characters; bound {bound}");
    }

    /// <summary>
    /// The size of <paramref name="result"/> itself, measured by building a copy of exactly its shape: the
    /// Analysis object, lists of its categories and spans, the span records and the masked text (unless that
    /// is the input string, which the caller already owns).
    /// </summary>
    private static long ResultBytes(Analysis result, string text)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var categories = result.Categories.Count == 0 ? result.Categories : CopyCategories(result.Categories);
        var spans = result.Spans.Count == 0 ? result.Spans : CopySpans(result.Spans);
        _kept = new Analysis
        {
            Severity = result.Severity,
            Categories = categories,
            Spans = spans,
            Masked = ReferenceEquals(result.Masked, text) ? text : new string(result.Masked.AsSpan()),
            Score = result.Score,
        };
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static List<Category> CopyCategories(IReadOnlyList<Category> categories)
    {
        var copy = new List<Category>(categories.Count);
        for (var i = 0; i < categories.Count; i++)
        {
            copy.Add(categories[i]);
        }

        return copy;
    }

    private static List<Span> CopySpans(IReadOnlyList<Span> spans)
    {
        var copy = new List<Span>(spans.Count);
        for (var i = 0; i < spans.Count; i++)
        {
            copy.Add(spans[i] with { });
        }

        return copy;
    }

    private static double BytesPerCall(string text, string? languageHint)
    {
        // Warm-up sizes the per-thread scratch buffers for this length.
        for (var i = 0; i < 200; i++)
        {
            _kept = Analyzer.Analyze(text, languageHint);
        }

        // The least of a few rounds: a one-off allocation of the runtime (tiering a long-running loop,
        // a lazily built cache) lands in one round, an allocation made on every call lands in all of them.
        var least = double.MaxValue;
        for (var round = 0; round < Rounds; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < Calls; i++)
            {
                _kept = Analyzer.Analyze(text, languageHint);
            }

            least = Math.Min(least, (GC.GetAllocatedBytesForCurrentThread() - before) / (double)Calls);
        }

        return least;
    }
}

/// <summary>
/// Runs the allocation tests with no other test of the assembly at the same time: a concurrent test's
/// garbage triggers full collections, which trim the shared array pools, and refilling them shows up
/// as allocations of the measured thread.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationCollection
{
    public const string Name = "Allocation measurements";
}

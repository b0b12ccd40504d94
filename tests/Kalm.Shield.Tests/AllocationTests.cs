namespace Kalm.Shield.Tests;

/// <summary>
/// Shield reuses its working memory per thread, so a message allocates only its result. Counted with
/// the runtime's own allocation counter, which is exact for the calling thread and independent of timing.
/// </summary>
public class AllocationTests
{
    private static readonly ShieldAnalyzer Analyzer = new();

    [Theory]
    [InlineData(72)]
    [InlineData(2_000)]
    [InlineData(30_000)]
    public void A_clean_message_allocates_only_its_result_whatever_its_length(int length)
    {
        // Up to the 64 K characters the per-thread scratch keeps; above that it is released after each
        // message on purpose (docs/benchmarks.md), so one huge mail does not pin memory.
        var text = string.Concat(Enumerable.Repeat("Mijn internet doet het sinds vanochtend niet meer. ", (length / 51) + 1))[..length];

        var perCall = BytesPerCall(text);

        // The Analysis object (80 B) is all a clean message needs: its masked text is the input string.
        // The bound leaves room for a small helper object that unoptimised (tier-0) code allocates and
        // optimised code keeps on the stack, yet a single copy of the text (2 bytes per character) fails it.
        Assert.True(perCall <= 256, $"{perCall} bytes per clean message of {length} characters");
    }

    [Fact]
    public void A_hostile_message_allocates_its_result_and_no_more()
    {
        const string Text = "Kankerlijer, los het nou eens op";

        var perCall = BytesPerCall(Text);

        // Analysis (~80 B) + categories and spans lists with their items (~200 B) + the masked copy (~100 B).
        Assert.True(perCall <= 640, $"{perCall} bytes per hostile message");
    }

    private static double BytesPerCall(string text)
    {
        // Warm-up sizes the per-thread scratch buffers for this length.
        for (var i = 0; i < 200; i++)
        {
            Analyzer.Analyze(text);
        }

        const int Calls = 500;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Calls; i++)
        {
            Analyzer.Analyze(text);
        }

        return (GC.GetAllocatedBytesForCurrentThread() - before) / (double)Calls;
    }
}

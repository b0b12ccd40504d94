using System.Globalization;
using System.Text;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Kalm.Shield.Benchmarks;

/// <summary>Adds the MB/s column to a benchmark class.</summary>
public sealed class ThroughputConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public ThroughputConfig() => AddColumn(new ThroughputColumn());
}

/// <summary>
/// Megabytes (10⁶ bytes) of UTF-8 message text analysed per second on one thread: the bytes one
/// operation analyses over its mean time. The bytes are recomputed from the same seeded generators
/// the benchmark uses, so the column needs nothing from the benchmark process.
/// </summary>
public sealed class ThroughputColumn : IColumn
{
    /// <inheritdoc />
    public string Id => nameof(ThroughputColumn);

    /// <inheritdoc />
    public string ColumnName => "MB/s";

    /// <inheritdoc />
    public bool AlwaysShow => true;

    /// <inheritdoc />
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc />
    public int PriorityInCategory => 0;

    /// <inheritdoc />
    public bool IsNumeric => true;

    /// <inheritdoc />
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc />
    public string Legend => "UTF-8 megabytes (10^6 bytes) of message text analysed per second, one thread";

    /// <summary>UTF-8 bytes one operation of <paramref name="benchmarkCase"/> analyses, or null when unknown.</summary>
    public static double? BytesPerOperation(BenchmarkCase benchmarkCase)
    {
        var method = benchmarkCase.Descriptor.WorkloadMethod.Name;
        if (benchmarkCase.Descriptor.Type == typeof(MixBenchmarks))
        {
            var batch = MixBenchmarks.Batch(method);
            return Messages.Utf8Bytes(batch.Select(m => m.Text)) / (double)batch.Length;
        }

        if (benchmarkCase.Descriptor.Type == typeof(ScalingBenchmarks))
        {
            var input = (string)benchmarkCase.Parameters[nameof(ScalingBenchmarks.Input)];
            var length = (int)benchmarkCase.Parameters[nameof(ScalingBenchmarks.Length)];
            return Encoding.UTF8.GetByteCount(Messages.Pathological(length)[input]);
        }

        return null;
    }

    /// <inheritdoc />
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc />
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var meanNanoseconds = summary[benchmarkCase]?.ResultStatistics?.Mean;
        return meanNanoseconds is > 0 && BytesPerOperation(benchmarkCase) is { } bytes
            ? (bytes / meanNanoseconds.Value * 1e3).ToString("0.0", CultureInfo.InvariantCulture)
            : "-";
    }

    /// <inheritdoc />
    public override string ToString() => ColumnName;
}

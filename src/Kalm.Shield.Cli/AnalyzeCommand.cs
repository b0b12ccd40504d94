using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Kalm.Shield.Cli;

/// <summary>
/// The <c>analyze</c> and <c>passthrough</c> commands: one JSON object out per non-blank line in, in order.
/// </summary>
/// <remarks>
/// Each line is parsed with <see cref="Utf8JsonReader"/> over its bytes and every result goes
/// through one <see cref="Utf8JsonWriter"/> into a buffer flushed in large blocks, so the cost per
/// line is the analysis itself, not serialisation or system calls. Reading and writing stay on the
/// calling thread; batches are analysed on the thread pool meanwhile, so parsing, analysis and
/// writing overlap, and parsing starts while the analyzer is still being built.
/// </remarks>
internal sealed class AnalyzeCommand(Task<IMessageAnalyzer>? analyzer, bool plainText, string? languageHint)
{
    private const int FlushThreshold = 64 * 1024;

    /// <summary>
    /// Lines analysed together: large enough that handing a batch to another thread costs nothing
    /// next to its analysis, small enough that the last batch does not leave a core idle for long.
    /// </summary>
    private const int BatchSize = 512;

    /// <summary>
    /// Batches read ahead of the writer. Enough to keep parsing while the lexicon is still being
    /// built at start-up, and a bound on memory when the input is far larger than that.
    /// </summary>
    private const int MaxBatchesInFlight = 32;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Output is a data stream, never embedded in HTML: keep accents and emoji readable instead of \u-escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64 };

    private readonly ArrayBufferWriter<byte> _output = new(FlushThreshold * 2);

    /// <summary>Runs with an analyzer that is ready (or none, for passthrough).</summary>
    public AnalyzeCommand(IMessageAnalyzer? analyzer, bool plainText, string? languageHint)
        : this(analyzer is null ? null : Task.FromResult(analyzer), plainText, languageHint)
    {
    }

    /// <summary>Reads every line of <paramref name="input"/> and writes one result line each to <paramref name="output"/>.</summary>
    public void Run(Stream input, Stream output)
    {
        var lines = new LineReader(input);
        using var writer = new Utf8JsonWriter(_output, WriterOptions);
        var inFlight = new Queue<Batch>();
        var batch = new Batch(BatchSize);
        while (lines.TryReadLine(out var line))
        {
            if (IsBlank(line.Span))
            {
                continue;
            }

            batch.Items.Add(plainText
                ? new Pending(default, lines.LineNumber, Encoding.UTF8.GetString(line.Span), languageHint, null)
                : ParseJsonLine(line.Span, lines.LineNumber));
            if (batch.Items.Count == BatchSize)
            {
                Submit(batch, inFlight);
                batch = new Batch(BatchSize);

                // Write what is finished without waiting; wait only when the read-ahead is full.
                while (inFlight.Count > 0 && (inFlight.Peek().IsDone || inFlight.Count >= MaxBatchesInFlight))
                {
                    WriteBatch(writer, inFlight.Dequeue(), output);
                }
            }
        }

        Submit(batch, inFlight);
        while (inFlight.Count > 0)
        {
            WriteBatch(writer, inFlight.Dequeue(), output);
        }

        Drain(output);
        output.Flush();
    }

    private void Submit(Batch batch, Queue<Batch> inFlight)
    {
        if (analyzer is not null && batch.Items.Count > 0)
        {
            // A continuation, not a blocked thread, waits for the analyzer: the pool keeps its threads for work.
            batch.Analysed = analyzer.ContinueWith(
                static (ready, state) => ((Batch)state!).Analyse(ready.Result),
                batch,
                CancellationToken.None,
                TaskContinuationOptions.None,
                TaskScheduler.Default);
        }

        inFlight.Enqueue(batch);
    }

    /// <summary>Writes a batch's results in input order, after its analysis has finished.</summary>
    private void WriteBatch(Utf8JsonWriter writer, Batch batch, Stream output)
    {
        batch.Analysed?.GetAwaiter().GetResult();
        for (var i = 0; i < batch.Items.Count; i++)
        {
            var pending = batch.Items[i];
            if ((pending.Error ?? batch.Failures?[i]) is { } error)
            {
                WriteError(writer, pending.Id, pending.LineNumber, error);
            }
            else
            {
                WriteResult(writer, pending, batch.Results?[i]);
            }

            writer.Flush();
            writer.Reset();
            _output.GetSpan(1)[0] = (byte)'\n';
            _output.Advance(1);
            if (_output.WrittenCount >= FlushThreshold)
            {
                Drain(output);
            }
        }
    }

    private Pending ParseJsonLine(ReadOnlySpan<byte> line, int lineNumber)
    {
        var id = default(Id);
        string? text = null;
        var hint = languageHint;
        string? error = null;
        try
        {
            var reader = new Utf8JsonReader(line, ReaderOptions);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = "expected a JSON object";
            }
            else
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("id"u8))
                    {
                        reader.Read();
                        id = reader.TokenType switch
                        {
                            JsonTokenType.String => new Id(reader.GetString(), null),
                            JsonTokenType.Number => new Id(null, reader.ValueSpan.ToArray()),
                            _ => id,
                        };
                        reader.Skip();
                        error ??= id.IsPresent ? null : "\"id\" must be a string or a number";
                    }
                    else if (reader.ValueTextEquals("text"u8))
                    {
                        reader.Read();
                        if (reader.TokenType == JsonTokenType.String)
                        {
                            text = reader.GetString();
                        }
                        else
                        {
                            error ??= "\"text\" must be a string";
                            reader.Skip();
                        }
                    }
                    else if (reader.ValueTextEquals("lang"u8))
                    {
                        reader.Read();
                        if (reader.TokenType == JsonTokenType.String)
                        {
                            hint = reader.GetString();
                        }
                        else
                        {
                            reader.Skip();
                        }
                    }
                    else
                    {
                        reader.Read();
                        reader.Skip();
                    }
                }

                // Reading past the object proves nothing follows it on the line ("{} {}" is not one message).
                while (reader.Read())
                {
                }

                if (text is null)
                {
                    error ??= "missing \"text\"";
                }
            }
        }
        catch (JsonException e)
        {
            error = $"malformed JSON: {e.Message}";
        }

        return new Pending(id, lineNumber, text, hint, error);
    }

    private static void WriteResult(Utf8JsonWriter writer, Pending pending, Analysis? analysis)
    {
        var (id, lineNumber, text) = (pending.Id, pending.LineNumber, pending.Text!);
        writer.WriteStartObject();
        writer.WritePropertyName("id"u8);
        if (id.IsPresent)
        {
            id.Write(writer);
        }
        else
        {
            writer.WriteNumberValue(lineNumber);
        }

        if (analysis is null)
        {
            WriteAnalysis(writer, Severity.None, [], [], text);
        }
        else
        {
            WriteAnalysis(writer, analysis.Severity, analysis.Categories, analysis.Spans, analysis.Masked);
        }

        writer.WriteEndObject();
    }

    private static void WriteAnalysis(
        Utf8JsonWriter writer, Severity severity, IReadOnlyList<Category> categories, IReadOnlyList<Span> spans, string masked)
    {
        writer.WriteString("severity"u8, severity.ToName());
        writer.WriteStartArray("categories"u8);
        foreach (var category in categories)
        {
            writer.WriteStringValue(category.ToName());
        }

        writer.WriteEndArray();
        writer.WriteStartArray("spans"u8);
        foreach (var span in spans)
        {
            writer.WriteStartObject();
            writer.WriteNumber("start"u8, span.Start);
            writer.WriteNumber("length"u8, span.Length);
            writer.WriteString("category"u8, span.Category.ToName());
            writer.WriteString("rule"u8, span.Rule);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteString("masked"u8, masked);
    }

    private static void WriteError(Utf8JsonWriter writer, Id id, int lineNumber, string error)
    {
        writer.WriteStartObject();
        if (id.IsPresent)
        {
            writer.WritePropertyName("id"u8);
            id.Write(writer);
        }

        writer.WriteNumber("line"u8, lineNumber);
        writer.WriteString("error"u8, error);
        writer.WriteEndObject();
    }

    private void Drain(Stream output)
    {
        output.Write(_output.WrittenSpan);
        _output.ResetWrittenCount();
    }

    private static bool IsBlank(ReadOnlySpan<byte> line) => line.IndexOfAnyExcept(" \t\r"u8) < 0;

    /// <summary>Parsed lines analysed together, and their results once <see cref="Analysed"/> has finished.</summary>
    private sealed class Batch(int capacity)
    {
        public List<Pending> Items { get; } = new(capacity);

        public Task? Analysed { get; set; }

        public Analysis?[]? Results { get; private set; }

        public string?[]? Failures { get; private set; }

        public bool IsDone => Analysed is null || Analysed.IsCompleted;

        public void Analyse(IMessageAnalyzer analyzer)
        {
            var results = new Analysis?[Items.Count];
            string?[]? failures = null;
            for (var i = 0; i < Items.Count; i++)
            {
                var pending = Items[i];
                if (pending.Error is not null)
                {
                    continue;
                }

                try
                {
                    results[i] = analyzer.Analyze(pending.Text!, pending.Hint);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // One message the engine cannot handle must not cost the rest of a batch its results.
                    failures ??= new string?[Items.Count];
                    failures[i] = $"analysis failed: {e.GetType().Name}: {e.Message}";
                }
            }

            Results = results;
            Failures = failures;
        }
    }

    /// <summary>A parsed input line: what to analyse, or why it cannot be.</summary>
    private readonly record struct Pending(Id Id, int LineNumber, string? Text, string? Hint, string? Error);

    /// <summary>An input id echoed as given: a string, or a number in its original spelling.</summary>
    private readonly record struct Id(string? Text, byte[]? Number)
    {
        public bool IsPresent => Text is not null || Number is not null;

        public void Write(Utf8JsonWriter writer)
        {
            if (Number is not null)
            {
                writer.WriteRawValue(Number, skipInputValidation: true);
            }
            else
            {
                writer.WriteStringValue(Text);
            }
        }
    }
}

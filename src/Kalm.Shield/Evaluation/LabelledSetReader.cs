using System.Text.Json;

namespace Kalm.Shield.Evaluation;

/// <summary>
/// Reads a labelled set in JSON Lines: one object per line,
/// <c>{"id": "nl-001", "text": "...", "lang": "nl", "severity": "abusive", "categories": ["insult"]}</c>,
/// with an optional <c>"group"</c> string to break the figures down by.
/// </summary>
/// <remarks>
/// Blank lines are skipped. Unlike the <c>analyze</c> command, a labelled set must be entirely valid:
/// a silently dropped line would skew every figure, so any bad line throws with its line number.
/// </remarks>
public static class LabelledSetReader
{
    /// <summary>Reads every labelled message from <paramref name="reader"/>.</summary>
    /// <exception cref="FormatException">A line is not valid JSON or misses a required field or uses an unknown name.</exception>
    public static IReadOnlyList<LabelledMessage> Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var messages = new List<LabelledMessage>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                messages.Add(Parse(line, lineNumber));
            }
            catch (JsonException e)
            {
                throw new FormatException($"line {lineNumber}: malformed JSON ({e.Message})", e);
            }
        }

        return messages;
    }

    /// <summary>Reads every labelled message from the file at <paramref name="path"/>.</summary>
    /// <exception cref="FormatException">A line is not valid JSON or misses a required field or uses an unknown name.</exception>
    public static IReadOnlyList<LabelledMessage> ReadFile(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader);
    }

    private static LabelledMessage Parse(string line, int lineNumber)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"line {lineNumber}: expected a JSON object");
        }

        var id = root.TryGetProperty("id", out var idElement) && idElement.ValueKind is JsonValueKind.String or JsonValueKind.Number
            ? idElement.ValueKind == JsonValueKind.String ? idElement.GetString()! : idElement.GetRawText()
            : lineNumber.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var text = RequiredString(root, "text", lineNumber);
        var language = root.TryGetProperty("lang", out var lang) && lang.ValueKind == JsonValueKind.String ? lang.GetString() : null;

        var severityName = RequiredString(root, "severity", lineNumber);
        if (!CategoryNames.TryParseSeverity(severityName, out var severity))
        {
            throw new FormatException($"line {lineNumber}: unknown severity \"{severityName}\"");
        }

        var categories = new List<Category>();
        if (root.TryGetProperty("categories", out var array))
        {
            if (array.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException($"line {lineNumber}: \"categories\" must be an array of names");
            }

            foreach (var item in array.EnumerateArray())
            {
                var name = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
                if (!CategoryNames.TryParseCategory(name, out var category))
                {
                    throw new FormatException($"line {lineNumber}: unknown category {item.GetRawText()}");
                }

                if (!categories.Contains(category))
                {
                    categories.Add(category);
                }
            }
        }

        var group = root.TryGetProperty("group", out var groupElement) && groupElement.ValueKind == JsonValueKind.String
            ? groupElement.GetString()
            : null;
        return new LabelledMessage(id, text, language, severity, categories, group);
    }

    private static string RequiredString(JsonElement root, string name, int lineNumber) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new FormatException($"line {lineNumber}: missing or non-string \"{name}\"");
}

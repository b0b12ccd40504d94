using System.Text;

namespace Kalm.Shield.Evaluation;

/// <summary>
/// Reads the HateCheck functional test suite (Röttger et al., ACL 2021, CC BY 4.0) and maps its
/// hateful / non-hateful labels onto Kalm's severities and categories.
/// </summary>
/// <remarks>
/// HateCheck labels hate against protected groups; a support desk also cares about abuse of the
/// person it talks to, so the mapping is:
/// <list type="bullet">
/// <item><c>hateful</c> → abusive + discrimination; the <c>threat_*</c> functionalities → threat + discrimination + threat.</item>
/// <item><c>target_indiv_nh</c>, <c>target_group_nh</c> (abuse of a person or a non-protected group) → abusive + insult.</item>
/// <item><c>profanity_nh</c> (swearing without a target) → rude + profanity.</item>
/// <item>every other non-hateful functionality (counter-speech, quotation, negation, objects...) → none.</item>
/// </list>
/// </remarks>
public static class HateCheckReader
{
    /// <summary>The language hint HateCheck cases are analysed with.</summary>
    public const string Language = "en";

    /// <summary>Reads every test case from a HateCheck <c>test_suite_cases.csv</c>.</summary>
    /// <exception cref="FormatException">The header lacks a required column, or a row has an unknown label.</exception>
    public static IReadOnlyList<LabelledMessage> Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var rows = ReadCsv(reader).GetEnumerator();
        if (!rows.MoveNext())
        {
            throw new FormatException("the HateCheck file is empty");
        }

        var header = rows.Current;
        int Column(string name) => header.IndexOf(name) is var index and >= 0
            ? index
            : throw new FormatException($"the HateCheck header has no \"{name}\" column");
        var (idColumn, functionalityColumn, textColumn, labelColumn) =
            (Column("case_id"), Column("functionality"), Column("test_case"), Column("label_gold"));

        var messages = new List<LabelledMessage>();
        var rowNumber = 1;
        while (rows.MoveNext())
        {
            rowNumber++;
            var row = rows.Current;
            if (row.Count <= Math.Max(Math.Max(idColumn, functionalityColumn), Math.Max(textColumn, labelColumn)))
            {
                throw new FormatException($"row {rowNumber}: expected {header.Count} fields, found {row.Count}");
            }

            var (severity, categories) = Map(row[functionalityColumn], row[labelColumn], rowNumber);
            messages.Add(new LabelledMessage(row[idColumn], row[textColumn].Trim(), Language, severity, categories, row[functionalityColumn]));
        }

        return messages;
    }

    /// <summary>Reads every test case from the HateCheck file at <paramref name="path"/>.</summary>
    /// <exception cref="FormatException">The header lacks a required column, or a row has an unknown label.</exception>
    public static IReadOnlyList<LabelledMessage> ReadFile(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader);
    }

    /// <summary>Maps a HateCheck functionality and gold label onto Kalm's severity and categories.</summary>
    /// <param name="functionality">The HateCheck functionality, e.g. <c>threat_dir_h</c>.</param>
    /// <param name="label">The gold label: <c>hateful</c> or <c>non-hateful</c>.</param>
    public static (Severity Severity, IReadOnlyList<Category> Categories) Map(string functionality, string label) =>
        Map(functionality, label, rowNumber: null);

    private static (Severity, IReadOnlyList<Category>) Map(string functionality, string label, int? rowNumber) => label switch
    {
        "hateful" when functionality.StartsWith("threat_", StringComparison.Ordinal) =>
            (Severity.Threat, [Category.Threat, Category.Discrimination]),
        "hateful" => (Severity.Abusive, [Category.Discrimination]),
        "non-hateful" => functionality switch
        {
            "target_indiv_nh" or "target_group_nh" => (Severity.Abusive, [Category.Insult]),
            "profanity_nh" => (Severity.Rude, [Category.Profanity]),
            _ => (Severity.None, []),
        },
        _ => throw new FormatException($"{(rowNumber is { } n ? $"row {n}: " : "")}unknown HateCheck label \"{label}\""),
    };

    /// <summary>RFC 4180 rows: quoted fields may hold commas, doubled quotes and line breaks.</summary>
    private static IEnumerable<List<string>> ReadCsv(TextReader reader)
    {
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var fieldStarted = false;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            if (quoted)
            {
                if (c != '"')
                {
                    field.Append((char)c);
                }
                else if (reader.Peek() == '"')
                {
                    field.Append('"');
                    reader.Read();
                }
                else
                {
                    quoted = false;
                }

                continue;
            }

            switch (c)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    fieldStarted = true;
                    break;
                case ',':
                    row.Add(field.ToString());
                    field.Clear();
                    fieldStarted = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    if (fieldStarted || field.Length > 0 || row.Count > 0)
                    {
                        row.Add(field.ToString());
                        yield return row;
                    }

                    row = [];
                    field.Clear();
                    fieldStarted = false;
                    break;
                default:
                    field.Append((char)c);
                    fieldStarted = true;
                    break;
            }
        }

        if (fieldStarted || field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            yield return row;
        }
    }
}

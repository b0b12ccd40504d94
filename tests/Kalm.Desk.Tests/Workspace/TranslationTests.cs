using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Kalm.Desk.Tests.Workspace;

/// <summary>The workspace speaks Dutch first: every text the screens ask for has a Dutch translation.</summary>
public sealed partial class TranslationTests
{
    [Fact]
    public void Every_workspace_text_has_a_dutch_translation()
    {
        var desk = Path.Combine(RepositoryRoot(), "src", "Kalm.Desk");
        var dutch = XDocument.Load(Path.Combine(desk, "Workspace", "Ui.nl.resx")).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value"), StringComparer.Ordinal);
        var used = Directory.EnumerateFiles(desk, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => LocalizerKey().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups[1].Value)))
            .ToList();

        Assert.True(used.Count > 100, $"found only {used.Count} texts; the scan no longer matches how the workspace asks for them");
        var missing = used.Where(u => !dutch.TryGetValue(u.Key, out var value) || string.IsNullOrWhiteSpace(value))
            .Select(u => $"{u.File}: \"{u.Key}\"").Distinct().ToList();
        Assert.True(missing.Count == 0, "No Dutch in Ui.nl.resx for:\n" + string.Join('\n', missing));

        // Resource lookups ignore case in places; two keys differing only in case would show one of them wrongly.
        var clashes = dutch.Keys.GroupBy(k => k, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => string.Join(" / ", g)).ToList();
        Assert.True(clashes.Count == 0, "Keys that differ only in case: " + string.Join("; ", clashes));
    }

    [GeneratedRegex("""\b[Ll]\["((?:[^"\\]|\\.)+)"[,\]]""")]
    private static partial Regex LocalizerKey();

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Kalm.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Kalm.slnx above {AppContext.BaseDirectory}.");
    }
}

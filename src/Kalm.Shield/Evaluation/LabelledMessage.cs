namespace Kalm.Shield.Evaluation;

/// <summary>A message with the severity and categories a person assigned to it.</summary>
/// <param name="Id">The identifier from the labelled set, echoed in error listings.</param>
/// <param name="Text">The message text.</param>
/// <param name="Language">The language hint passed to the analyzer (<c>nl</c>, <c>nl-BE</c>, <c>en</c>) or null.</param>
/// <param name="Severity">The expected overall severity.</param>
/// <param name="Categories">The expected categories, without duplicates.</param>
/// <param name="Group">
/// An optional kind of message the figures are also broken down by, such as a HateCheck functionality.
/// </param>
public sealed record LabelledMessage(
    string Id,
    string Text,
    string? Language,
    Severity Severity,
    IReadOnlyList<Category> Categories,
    string? Group = null);

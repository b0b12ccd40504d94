namespace Kalm.Desk.Domain;

/// <summary>
/// A canned response. The body may hold variables such as <c>{klant}</c> and <c>{agent}</c>, filled in
/// by <see cref="Templates.TemplateRenderer"/> when an agent picks it.
/// </summary>
public sealed class ReplyTemplate
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    public TemplateKind Kind { get; set; }

    /// <summary>BCP 47 tag of the text, such as <c>nl</c> or <c>en</c>.</summary>
    public string Language { get; set; } = "nl";

    public required string Body { get; set; }

    public int SortOrder { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

namespace Kalm.Desk.Workspace;

/// <summary>
/// The workspace's texts. Keys are the English wording, so English needs no resource file;
/// <c>Ui.nl.resx</c> holds the Dutch, the default language.
/// </summary>
public sealed class Ui;

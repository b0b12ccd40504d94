using Microsoft.JSInterop;

namespace Kalm.Desk.Workspace;

/// <summary>
/// The keyboard shortcuts of one browser tab. The layout registers the key listener once; pages
/// subscribe to <see cref="Pressed"/> for the keys that mean something on them.
/// </summary>
public sealed class Shortcuts
{
    /// <summary>Raised with the key (<c>j</c>, <c>k</c>, <c>r</c>, <c>n</c>, <c>e</c>, <c>Enter</c>) outside text fields.</summary>
    public event Func<string, Task>? Pressed;

    /// <summary>Called from shortcuts.js.</summary>
    [JSInvokable]
    public async Task OnShortcut(string key)
    {
        if (Pressed is { } pressed)
        {
            foreach (var handler in pressed.GetInvocationList().Cast<Func<string, Task>>())
            {
                await handler(key).ConfigureAwait(false);
            }
        }
    }
}

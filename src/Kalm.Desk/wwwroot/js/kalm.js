// The workspace's small browser helpers: keyboard shortcuts, focus and scrolling.
// Keyboard shortcuts: Keys typed into fields belong to the field, except Escape,
// which leaves it so the next key is a shortcut again.
const keys = new Set(["j", "k", "r", "n", "e", "?", "Enter"]);

function register(shortcuts) {
    const handler = event => {
        if (event.ctrlKey || event.metaKey || event.altKey) {
            return;
        }
        const target = event.target;
        const typing = target && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
        if (typing) {
            if (event.key === "Escape") {
                target.blur();
            }
            return;
        }
        if (keys.has(event.key)) {
            event.preventDefault();
            shortcuts.invokeMethodAsync("OnShortcut", event.key);
        }
    };
    document.addEventListener("keydown", handler);
    // The layout registers once the circuit is interactive; browser tests wait for this flag.
    window.kalmReady = true;
    return { dispose: () => document.removeEventListener("keydown", handler) };
}

function focus(id) {
    const element = document.getElementById(id);
    if (element) {
        element.focus();
    }
}

function scrollIntoView(id) {
    const element = document.getElementById(id);
    if (element) {
        element.scrollIntoView({ block: "nearest" });
    }
}

window.kalm = { register, focus, scrollIntoView };

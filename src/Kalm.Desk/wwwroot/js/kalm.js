// The workspace's small browser helpers: keyboard shortcuts and scrolling the selection into view.
(() => {
    const keys = new Set(["j", "k", "r", "n", "e", "?", "Enter"]);

    // Keys typed into a field belong to the field, except Escape, which leaves it so the next key
    // is a shortcut again.
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

    function scrollIntoView(id) {
        document.getElementById(id)?.scrollIntoView({ block: "nearest" });
    }

    window.kalm = { register, scrollIntoView };
})();

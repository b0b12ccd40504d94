using MudBlazor;

namespace Kalm.Desk.Workspace.Layout;

/// <summary>A calm palette for a screen looked at all day: muted blue-green, soft backgrounds, red kept for threats.</summary>
public static class KalmTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#2f6f73",
            Secondary = "#6b7a8f",
            Background = "#f6f7f5",
            Surface = "#ffffff",
            AppbarBackground = "#24484b",
            AppbarText = "#f4f7f6",
            TextPrimary = "#1f2a2c",
            TextSecondary = "#56636a",
            Error = "#b3261e",
            Warning = "#a15c00",
            Info = "#3a6ea5",
            Success = "#2e7d4f",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Inter", "Segoe UI", "Roboto", "Helvetica", "Arial", "sans-serif"] },
        },
    };
}

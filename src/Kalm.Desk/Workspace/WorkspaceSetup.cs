using Kalm.Desk.Workspace.Account;
using Microsoft.AspNetCore.Localization;
using MudBlazor.Services;

namespace Kalm.Desk.Workspace;

/// <summary>Wires the Blazor workspace agents and supervisors work in: components, language, shortcuts.</summary>
public static class WorkspaceSetup
{
    public const string DefaultCulture = "nl-NL";

    public static IReadOnlyList<string> SupportedCultures { get; } = [DefaultCulture, "en"];

    public static WebApplicationBuilder AddWorkspace(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // Blazor's and MudBlazor's scripts come from the build's static web assets manifest when Kalm
        // runs from source in any environment; a published Kalm serves them from wwwroot and has no manifest.
        builder.WebHost.UseStaticWebAssets();
        var services = builder.Services;
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddMudServices();
        services.AddLocalization();
        services.AddScoped<Shortcuts>();
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = AccountEndpoints.LoginPage;
            options.AccessDeniedPath = "/";
        });
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.SetDefaultCulture(DefaultCulture).AddSupportedCultures([.. SupportedCultures]).AddSupportedUICultures([.. SupportedCultures]);
            options.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });
        return builder;
    }

    /// <summary>Culture must be known before components render; call before authentication.</summary>
    public static WebApplication UseWorkspaceLocalization(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseRequestLocalization();
        return app;
    }

    public static WebApplication MapWorkspace(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapStaticAssets();
        app.MapAccountEndpoints();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}

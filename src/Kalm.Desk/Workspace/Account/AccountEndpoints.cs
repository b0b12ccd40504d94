using System.Globalization;
using Kalm.Desk.Data;
using Kalm.Desk.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Kalm.Desk.Workspace.Account;

/// <summary>The sign-in form posted by the workspace's login page.</summary>
public sealed class SignInForm
{
    public string? Email { get; set; }

    public string? Password { get; set; }

    /// <summary>An unticked checkbox is not posted at all, hence a settable property rather than a constructor parameter.</summary>
    public bool RememberMe { get; set; }

    public string? ReturnUrl { get; set; }
}

/// <summary>
/// Form endpoints behind the workspace: signing in and out and choosing the language. They answer with
/// redirects because browsers post them as plain forms; the JSON API has its own sign-in under /api/auth.
/// </summary>
public static class AccountEndpoints
{
    public const string LoginPage = "/account/login";

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("/account").ExcludeFromDescription();
        group.MapPost("/sign-in", SignInAsync).AllowAnonymous();
        group.MapPost("/sign-out", SignOutAsync).RequireAuthorization();
        group.MapPost("/language", ChooseLanguageAsync).RequireAuthorization();
        return app;
    }

    private static async Task<IResult> SignInAsync([FromForm] SignInForm form, SignInManager<AgentUser> signIn, HttpContext http)
    {
        var returnUrl = LocalOrHome(form.ReturnUrl);
        if (string.IsNullOrWhiteSpace(form.Email) || string.IsNullOrEmpty(form.Password))
        {
            return Results.LocalRedirect(LoginUrl("missing", returnUrl));
        }

        var user = await signIn.UserManager.FindByEmailAsync(form.Email.Trim()).ConfigureAwait(false);
        var result = user is null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, form.Password, form.RememberMe, lockoutOnFailure: true).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return Results.LocalRedirect(LoginUrl(result.IsLockedOut ? "locked" : "invalid", returnUrl));
        }

        SetCultureCookie(http, user!.UiLanguage);
        return Results.LocalRedirect(returnUrl);
    }

    private static async Task<IResult> SignOutAsync(SignInManager<AgentUser> signIn)
    {
        await signIn.SignOutAsync().ConfigureAwait(false);
        return Results.LocalRedirect("~" + LoginPage);
    }

    private static async Task<IResult> ChooseLanguageAsync(
        [FromForm] string? language,
        [FromForm] string? returnUrl,
        UserManager<AgentUser> users,
        KalmDbContext db,
        HttpContext http)
    {
        var culture = WorkspaceSetup.SupportedCultures.FirstOrDefault(c => string.Equals(c, language, StringComparison.OrdinalIgnoreCase))
            ?? WorkspaceSetup.DefaultCulture;
        var agentId = users.GetUserId(http.User);
        await db.Users.Where(u => u.Id == agentId).ExecuteUpdateAsync(s => s.SetProperty(u => u.UiLanguage, culture)).ConfigureAwait(false);
        SetCultureCookie(http, culture);
        return Results.LocalRedirect(LocalOrHome(returnUrl));
    }

    private static void SetCultureCookie(HttpContext http, string culture) =>
        http.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(CultureInfo.GetCultureInfo(culture))),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });

    /// <summary>Only paths on this site, so a crafted link cannot send a fresh sign-in elsewhere.</summary>
    private static string LocalOrHome(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? "~" + url : "~/";

    private static string LoginUrl(string error, string returnUrl) =>
        $"~{LoginPage}?error={error}&returnUrl={Uri.EscapeDataString(returnUrl.TrimStart('~'))}";
}

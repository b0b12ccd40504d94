using System.Security.Claims;
using System.Text.Encodings.Web;
using Kalm.Desk.Data;
using Kalm.Desk.Domain;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kalm.Desk.Infrastructure;

/// <summary>Authorisation policy names used by the endpoints.</summary>
public static class Policies
{
    /// <summary>Any signed-in desk user: agent, supervisor or admin.</summary>
    public const string Agent = "Agent";

    /// <summary>Supervisors and admins.</summary>
    public const string Supervisor = "Supervisor";

    /// <summary>Admins only.</summary>
    public const string Admin = "Admin";

    /// <summary>An integration with a valid, unrevoked API key in <c>X-Api-Key</c>.</summary>
    public const string Integration = "Integration";

    /// <summary>A desk user or an integration: for what both the workspace and customer-facing channels read, such as queue estimates.</summary>
    public const string AgentOrIntegration = "AgentOrIntegration";
}

public static class AuthenticationSetup
{
    /// <summary>Picks the cookie or the bearer handler per request, so one policy serves the UI and scripts.</summary>
    public const string AgentScheme = "Kalm";

    private static readonly PathString HubsPath = "/hubs";

    /// <summary>Paths that are called by code, where a redirect to a sign-in page makes no sense.</summary>
    private static readonly PathString[] ApiPaths = ["/api", HubsPath];

    public static IHostApplicationBuilder AddKalmIdentity(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        services.AddAuthentication(AgentScheme)
            .AddPolicyScheme(AgentScheme, "Cookie or bearer token", options => options.ForwardDefaultSelector = context =>
                HasBearerToken(context.Request) ? IdentityConstants.BearerScheme : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, options => options.Events.OnMessageReceived = context =>
            {
                // Browsers cannot set headers on WebSocket requests; SignalR sends the token in the query instead.
                if (HubAccessToken(context.Request) is { } token)
                {
                    context.Token = token;
                }

                return Task.CompletedTask;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies();

        services.AddIdentityCore<AgentUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 10;
                options.Lockout.MaxFailedAccessAttempts = 10;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<KalmDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddApiEndpoints();

        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "kalm.auth";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Agent, policy => policy.AddAuthenticationSchemes(AgentScheme).RequireRole(Roles.All))
            .AddPolicy(Policies.Supervisor, policy => policy.AddAuthenticationSchemes(AgentScheme).RequireRole(Roles.Supervisor, Roles.Admin))
            .AddPolicy(Policies.Admin, policy => policy.AddAuthenticationSchemes(AgentScheme).RequireRole(Roles.Admin))
            .AddPolicy(Policies.Integration, policy => policy
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser()
                .RequireClaim(ApiKeyAuthenticationHandler.ApiKeyIdClaim))
            .AddPolicy(Policies.AgentOrIntegration, policy => policy
                .AddAuthenticationSchemes(AgentScheme, ApiKeyAuthenticationHandler.SchemeName)
                .RequireAssertion(context =>
                    context.User.HasClaim(c => c.Type == ApiKeyAuthenticationHandler.ApiKeyIdClaim)
                    || Roles.All.Any(context.User.IsInRole)));
        return builder;
    }

    private static bool HasBearerToken(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
        || HubAccessToken(request) is not null;

    private static string? HubAccessToken(HttpRequest request) =>
        request.Path.StartsWithSegments(HubsPath) && request.Query["access_token"].ToString() is { Length: > 0 } token
            ? token
            : null;

    private static Task RedirectOrStatus(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (ApiPaths.Any(path => context.Request.Path.StartsWithSegments(path)))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }
}

/// <summary>Authenticates integrations by the SHA-256 hash of the key in <c>X-Api-Key</c>.</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    KalmDbContext db,
    TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string ApiKeyIdClaim = "kalm:api_key_id";

    /// <summary>Admins see when a key was last used; a minute's precision spares a write per request.</summary>
    private static readonly TimeSpan LastUsedPrecision = TimeSpan.FromMinutes(1);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var secret = Request.Headers[HeaderName].ToString();
        if (string.IsNullOrWhiteSpace(secret))
        {
            return AuthenticateResult.NoResult();
        }

        var hash = ApiKey.HashSecret(secret.Trim());
        var key = await db.ApiKeys.AsNoTracking()
            .Where(k => k.Hash == hash)
            .Select(k => new { k.Id, k.Name, k.RevokedAt, k.LastUsedAt })
            .SingleOrDefaultAsync(Context.RequestAborted)
            .ConfigureAwait(false);
        if (key is null)
        {
            return AuthenticateResult.Fail("Unknown API key.");
        }

        if (key.RevokedAt is not null)
        {
            return AuthenticateResult.Fail("The API key has been revoked.");
        }

        var now = time.GetUtcNow();
        if (key.LastUsedAt is null || now - key.LastUsedAt.Value >= LastUsedPrecision)
        {
            await db.ApiKeys.Where(k => k.Id == key.Id)
                .ExecuteUpdateAsync(setters => setters.SetProperty(k => k.LastUsedAt, now), Context.RequestAborted)
                .ConfigureAwait(false);
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, key.Name), new Claim(ApiKeyIdClaim, key.Id.ToString())],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync().ConfigureAwait(false);
        var detail = result.Failure?.Message ?? $"Send a valid API key in the {HeaderName} header.";
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        var problems = Context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = StatusCodes.Status401Unauthorized, Detail = detail },
        }).ConfigureAwait(false);
    }
}

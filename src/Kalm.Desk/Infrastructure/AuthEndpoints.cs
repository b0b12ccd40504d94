using Kalm.Desk.Domain;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Kalm.Desk.Infrastructure;

/// <summary>Sign-in for agents: a cookie for the workspace, or a bearer token for scripts.</summary>
/// <remarks>
/// Instead of MapIdentityApi, whose open /register would let anyone create an account, only the
/// sign-in endpoints exist here; admins create agents.
/// </remarks>
public static class AuthEndpoints
{
    public sealed record LoginRequest(string Email, string Password);

    public sealed record RefreshRequest(string RefreshToken);

    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("/api/auth").WithTags("Auth");

        group.MapPost("/login", LoginAsync)
            .WithSummary("Sign in with e-mail and password")
            .WithDescription("Returns a bearer token (accessToken, refreshToken, expiresIn); with ?useCookies=true sets the workspace cookie instead.")
            .Produces<AccessTokenResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        group.MapPost("/refresh", RefreshAsync)
            .WithSummary("Exchange a refresh token for a new bearer token")
            .Produces<AccessTokenResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        group.MapPost("/logout", async (SignInManager<AgentUser> signIn) =>
            {
                await signIn.SignOutAsync().ConfigureAwait(false);
                return TypedResults.NoContent();
            })
            .WithSummary("Remove the workspace cookie")
            .RequireAuthorization(Policies.Agent);
        return app;
    }

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> LoginAsync(
        LoginRequest login,
        bool? useCookies,
        SignInManager<AgentUser> signIn)
    {
        var cookies = useCookies == true;
        signIn.AuthenticationScheme = cookies ? IdentityConstants.ApplicationScheme : IdentityConstants.BearerScheme;
        var result = await signIn.PasswordSignInAsync(login.Email ?? string.Empty, login.Password ?? string.Empty, isPersistent: cookies, lockoutOnFailure: true).ConfigureAwait(false);
        if (result.IsLockedOut)
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status401Unauthorized, "This account is locked after too many failed attempts; try again later.");
        }

        if (!result.Succeeded)
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status401Unauthorized, "The e-mail address or password is wrong.");
        }

        // The sign-in handler has written the cookie or the token response.
        return TypedResults.Empty;
    }

    private static async Task<Results<SignInHttpResult, ProblemHttpResult>> RefreshAsync(
        RefreshRequest refresh,
        SignInManager<AgentUser> signIn,
        IOptionsMonitor<BearerTokenOptions> bearerOptions,
        TimeProvider time)
    {
        var protector = bearerOptions.Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
        var ticket = protector.Unprotect(refresh.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires
            || time.GetUtcNow() >= expires
            || await signIn.ValidateSecurityStampAsync(ticket.Principal).ConfigureAwait(false) is not { } user)
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status401Unauthorized, "The refresh token is invalid or expired; sign in again.");
        }

        var principal = await signIn.CreateUserPrincipalAsync(user).ConfigureAwait(false);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }
}

using System.Security.Claims;
using Kalm.Desk.Data;
using Kalm.Desk.Domain;
using Kalm.Desk.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kalm.Desk.ApiKeys;

/// <summary>A key as admins see it: never the secret, only the prefix that identifies it.</summary>
public sealed record ApiKeyView(Guid Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

/// <summary>A new key; <paramref name="Secret"/> is shown this once and stored only as a hash.</summary>
public sealed record CreatedApiKey(ApiKeyView Key, string Secret);

/// <summary>The name of a new key, e.g. the integration that will use it.</summary>
public sealed record CreateApiKeyRequest(string? Name);

/// <summary>Admins create, list and revoke the keys integrations use for ingest.</summary>
public static class ApiKeyEndpoints
{
    public static IEndpointRouteBuilder MapApiKeyEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("/api/v1/api-keys")
            .WithTags("API keys")
            .RequireAuthorization(Policies.Admin)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("/", async (KalmDbContext db, CancellationToken cancellationToken) => TypedResults.Ok(await ListAsync(db, cancellationToken).ConfigureAwait(false)))
            .WithSummary("List API keys (without secrets)");
        group.MapPost("/", CreateAsync).WithSummary("Create an API key; the secret is returned once").ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapDelete("/{id:guid}", RevokeAsync).WithSummary("Revoke an API key").ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>Every key, newest name order, without secrets; the admin screen shares it.</summary>
    internal static Task<List<ApiKeyView>> ListAsync(KalmDbContext db, CancellationToken cancellationToken) =>
        db.ApiKeys.OrderBy(k => k.RevokedAt != null).ThenBy(k => k.Name).Select(k => new ApiKeyView(k.Id, k.Name, k.Prefix, k.CreatedAt, k.LastUsedAt, k.RevokedAt))
            .ToListAsync(cancellationToken);

    internal static async Task<Results<Created<CreatedApiKey>, ProblemHttpResult>> CreateAsync(
        CreateApiKeyRequest body,
        ClaimsPrincipal user,
        KalmDbContext db,
        TimeProvider time)
    {
        var name = body.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 100)
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status400BadRequest, "'name' is required and at most 100 characters.");
        }

        var key = ApiKey.Create(name, time.GetUtcNow(), out var secret);
        key.CreatedById = user.AgentId();
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync().ConfigureAwait(false);
        return TypedResults.Created($"/api/v1/api-keys/{key.Id}", new CreatedApiKey(View(key), secret));
    }

    internal static async Task<Results<Ok<ApiKeyView>, ProblemHttpResult>> RevokeAsync(Guid id, KalmDbContext db, TimeProvider time)
    {
        var key = await db.ApiKeys.FindAsync(id).ConfigureAwait(false);
        if (key is null)
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status404NotFound, $"No API key {id} exists.");
        }

        key.RevokedAt ??= time.GetUtcNow();
        await db.SaveChangesAsync().ConfigureAwait(false);
        return TypedResults.Ok(View(key));
    }

    private static ApiKeyView View(ApiKey key) => new(key.Id, key.Name, key.Prefix, key.CreatedAt, key.LastUsedAt, key.RevokedAt);
}

using Kalm.Desk.Data;
using Kalm.Desk.Domain;
using Kalm.Desk.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kalm.Desk.Templates;

/// <summary>A reply template as the API shows it.</summary>
public sealed record TemplateView(Guid Id, string Name, TemplateKind Kind, string Language, string Body, int SortOrder, DateTimeOffset UpdatedAt);

/// <summary>A new or changed template.</summary>
public sealed record TemplateRequest(string? Name, string? Kind, string? Language, string? Body, int SortOrder = 0);

/// <summary>Reply templates: agents read them, admins manage them.</summary>
public static class TemplateEndpoints
{
    public const int MaxBodyLength = 10_000;

    public static IEndpointRouteBuilder MapTemplateEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("/api/v1/templates")
            .WithTags("Templates")
            .RequireAuthorization(Policies.Agent)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapGet("/", async (KalmDbContext db, CancellationToken cancellationToken) => TypedResults.Ok(await ListAsync(db, cancellationToken).ConfigureAwait(false)))
            .WithSummary("Reply templates, in the composer's order");
        group.MapPost("/", (TemplateRequest body, KalmDbContext db, TimeProvider time) => SaveAsync(null, body, db, time))
            .WithSummary("Create a template (admins)").RequireAuthorization(Policies.Admin)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/{id:guid}", (Guid id, TemplateRequest body, KalmDbContext db, TimeProvider time) => SaveAsync(id, body, db, time))
            .WithSummary("Change a template (admins)").RequireAuthorization(Policies.Admin)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{id:guid}", DeleteAsync)
            .WithSummary("Delete a template (admins)").RequireAuthorization(Policies.Admin)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    internal static Task<List<TemplateView>> ListAsync(KalmDbContext db, CancellationToken cancellationToken) =>
        db.ReplyTemplates.OrderBy(t => t.SortOrder).ThenBy(t => t.Name)
            .Select(t => new TemplateView(t.Id, t.Name, t.Kind, t.Language, t.Body, t.SortOrder, t.UpdatedAt))
            .ToListAsync(cancellationToken);

    /// <summary>Creates (<paramref name="id"/> null) or changes a template; the admin screen shares it.</summary>
    internal static async Task<Results<Ok<TemplateView>, ProblemHttpResult>> SaveAsync(Guid? id, TemplateRequest body, KalmDbContext db, TimeProvider time)
    {
        var name = body.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200)
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status400BadRequest, "'name' is required and at most 200 characters.");
        }

        if (string.IsNullOrWhiteSpace(body.Body) || body.Body.Length > MaxBodyLength)
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status400BadRequest, $"'body' is required and at most {MaxBodyLength} characters.");
        }

        var kind = TemplateKind.General;
        if (body.Kind is not null && !ApiNames.TryParse(body.Kind, out kind))
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status400BadRequest, $"Unknown kind '{body.Kind}'; use one of: {ApiNames.List<TemplateKind>()}.");
        }

        var language = string.IsNullOrWhiteSpace(body.Language) ? "nl" : body.Language.Trim();
        if (language.Length > 16)
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status400BadRequest, "'language' is a language tag such as 'nl' or 'en'.");
        }

        if (await db.ReplyTemplates.AnyAsync(t => t.Name == name && t.Id != id).ConfigureAwait(false))
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status409Conflict, $"A template named '{name}' exists already.");
        }

        var template = id is null ? null : await db.ReplyTemplates.FindAsync(id.Value).ConfigureAwait(false);
        if (id is not null && template is null)
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status404NotFound, $"No template {id} exists.");
        }

        if (template is null)
        {
            template = new ReplyTemplate { Name = name, Body = body.Body };
            db.ReplyTemplates.Add(template);
        }

        (template.Name, template.Kind, template.Language, template.Body, template.SortOrder, template.UpdatedAt) =
            (name, kind, language, body.Body, body.SortOrder, time.GetUtcNow());
        await db.SaveChangesAsync().ConfigureAwait(false);
        return TypedResults.Ok(new TemplateView(template.Id, template.Name, template.Kind, template.Language, template.Body, template.SortOrder, template.UpdatedAt));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, KalmDbContext db)
    {
        var deleted = await db.ReplyTemplates.Where(t => t.Id == id).ExecuteDeleteAsync().ConfigureAwait(false);
        return deleted == 0 ? ProblemDetailsSetup.Problem(StatusCodes.Status404NotFound, $"No template {id} exists.") : TypedResults.NoContent();
    }
}

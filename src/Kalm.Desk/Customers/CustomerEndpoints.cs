using System.Security.Claims;
using Kalm.Desk.Conversations;
using Kalm.Desk.Data;
using Kalm.Desk.Domain;
using Kalm.Desk.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kalm.Desk.Customers;

/// <summary>One way to reach a customer: e-mail, phone (E.164), WhatsApp or chat visitor id.</summary>
public sealed record IdentityView(IdentityKind Kind, string Value);

/// <summary>A customer in a search result.</summary>
public sealed record CustomerSummary(Guid Id, string? Name, IReadOnlyList<IdentityView> Identities, DateTimeOffset CreatedAt);

/// <summary>A customer with notes and earlier conversations, as the customer card shows them.</summary>
public sealed record CustomerDetail(CustomerSummary Customer, string? Notes, Guid? MergedIntoId, IReadOnlyList<ConversationSummary> Conversations);

/// <summary>Fields to change; a null field stays as it is.</summary>
public sealed record CustomerUpdate(string? Name, string? Notes);

/// <summary>Merge the customer in the route into <paramref name="IntoId"/>.</summary>
public sealed record MergeRequest(Guid IntoId);

/// <summary>Customers across channels: search, the card, corrections and merging duplicates.</summary>
public static class CustomerEndpoints
{
    public const int MaxNotesLength = 10_000;

    public static IEndpointRouteBuilder MapCustomerEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("/api/v1/customers")
            .WithTags("Customers")
            .RequireAuthorization(Policies.Agent)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/", SearchAsync).WithSummary("Search customers by name, e-mail or phone");
        group.MapGet("/{id:guid}", GetAsync).WithSummary("A customer with identities, notes and conversations");
        group.MapPatch("/{id:guid}", UpdateAsync).WithSummary("Change a customer's name or notes").ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapPost("/{id:guid}/merge", MergeAsync).WithSummary("Merge this customer into another").ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    private static async Task<Ok<List<CustomerSummary>>> SearchAsync(KalmDbContext db, CancellationToken cancellationToken, string? q = null, int take = 25)
    {
        var query = db.Customers.Where(c => c.MergedIntoId == null);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim().ToLower();
            query = query.Where(c => (c.Name != null && c.Name.ToLower().Contains(term)) || c.Identities.Any(i => i.Value.ToLower().Contains(term)));
        }

        return TypedResults.Ok(await Summaries(query.OrderBy(c => c.Name).ThenBy(c => c.Id).Take(Math.Clamp(take, 1, 100)))
            .ToListAsync(cancellationToken).ConfigureAwait(false));
    }

    private static async Task<Results<Ok<CustomerDetail>, ProblemHttpResult>> GetAsync(Guid id, ClaimsPrincipal user, KalmDbContext db, CancellationToken cancellationToken)
    {
        var summary = await Summaries(db.Customers.Where(c => c.Id == id)).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (summary is null)
        {
            return NotFound(id);
        }

        var extra = await db.Customers.Where(c => c.Id == id).Select(c => new { c.Notes, c.MergedIntoId }).SingleAsync(cancellationToken).ConfigureAwait(false);
        var conversations = await ConversationEndpoints.Summaries(ConversationEndpoints.VisibleTo(db.Conversations, user)
                .Where(c => c.CustomerId == id).OrderByDescending(c => c.LastMessageAt))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new CustomerDetail(summary, extra.Notes, extra.MergedIntoId, conversations));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> UpdateAsync(Guid id, CustomerUpdate body, KalmDbContext db, TimeProvider time)
    {
        if (body.Name is { } name && (string.IsNullOrWhiteSpace(name) || name.Length > 200))
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status400BadRequest, "'name' must be 1 to 200 characters.");
        }

        if (body.Notes is { Length: > MaxNotesLength })
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status400BadRequest, $"'notes' is longer than {MaxNotesLength} characters.");
        }

        var customer = await db.Customers.FindAsync(id).ConfigureAwait(false);
        if (customer is null)
        {
            return NotFound(id);
        }

        customer.Name = body.Name?.Trim() ?? customer.Name;
        customer.Notes = body.Notes ?? customer.Notes;
        customer.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync().ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// Moves the identities and conversations of a duplicate to the customer who stays, and leaves the
    /// duplicate pointing at it, so links to the old id still lead somewhere.
    /// </summary>
    private static async Task<Results<Ok<CustomerSummary>, ProblemHttpResult>> MergeAsync(
        Guid id,
        MergeRequest body,
        ClaimsPrincipal user,
        KalmDbContext db,
        IConversationEvents events,
        TimeProvider time)
    {
        if (body.IntoId == id)
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status400BadRequest, "A customer cannot be merged into itself.");
        }

        var source = await db.Customers.Include(c => c.Identities).Include(c => c.Conversations).ThenInclude(c => c.Events)
            .SingleOrDefaultAsync(c => c.Id == id).ConfigureAwait(false);
        var target = await db.Customers.SingleOrDefaultAsync(c => c.Id == body.IntoId).ConfigureAwait(false);
        if (source is null || target is null)
        {
            return NotFound(source is null ? id : body.IntoId);
        }

        if (source.MergedIntoId is not null || target.MergedIntoId is not null)
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status400BadRequest, "One of these customers was already merged; merge into the customer it was merged into.");
        }

        var now = time.GetUtcNow();
        var agentId = user.AgentId();
        var actorName = user.Identity?.Name;
        foreach (var identity in source.Identities)
        {
            identity.CustomerId = target.Id;
        }

        var moved = source.Conversations.ToList();
        foreach (var conversation in moved)
        {
            conversation.CustomerId = target.Id;
            conversation.UpdatedAt = now;
            conversation.Record(now, ConversationEventKind.CustomerChanged, agentId, actorName, new() { ["from"] = source.Id.ToString(), ["to"] = target.Id.ToString() });
        }

        // One person, one conduct record: the incidents and supervisors' changes follow the conversations.
        foreach (var incident in await db.Incidents.Where(i => i.CustomerId == source.Id).ToListAsync().ConfigureAwait(false))
        {
            incident.CustomerId = target.Id;
        }

        foreach (var change in await db.ConductChanges.Where(c => c.CustomerId == source.Id).ToListAsync().ConfigureAwait(false))
        {
            change.CustomerId = target.Id;
        }

        source.MergedIntoId = target.Id;
        target.Name ??= source.Name;
        target.Notes = string.Join("\n\n", new[] { target.Notes, source.Notes }.Where(n => !string.IsNullOrWhiteSpace(n))) is { Length: > 0 } notes ? notes : null;
        source.UpdatedAt = target.UpdatedAt = now;
        await db.SaveChangesAsync().ConfigureAwait(false);
        foreach (var conversation in moved)
        {
            events.Publish(ConversationChange.For(conversation, ConversationEventKind.CustomerChanged, now));
        }

        return TypedResults.Ok(await Summaries(db.Customers.Where(c => c.Id == target.Id)).SingleAsync().ConfigureAwait(false));
    }

    private static IQueryable<CustomerSummary> Summaries(IQueryable<Customer> customers) =>
        customers.Select(c => new CustomerSummary(c.Id, c.Name, c.Identities.Select(i => new IdentityView(i.Kind, i.Value)).ToList(), c.CreatedAt));

    private static ProblemHttpResult NotFound(Guid id) => ProblemDetailsSetup.Problem(StatusCodes.Status404NotFound, $"No customer {id} exists.");
}

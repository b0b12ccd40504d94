using Kalm.Desk.Data;
using Kalm.Desk.Domain;
using Kalm.Desk.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kalm.Desk.Protection;

/// <summary>
/// An agent's personal data that Kalm guards in replies, and whether their kudos are shared with the
/// team. Only the agent and admins read or change it.
/// </summary>
public sealed record AgentPrivacy(string? Surname, string? Phone, string? HomeTown, bool ShareKudos);

/// <summary>Reads and stores <see cref="AgentPrivacy"/>.</summary>
public static class AgentPrivacyProfile
{
    private const int MaxLength = 200;

    /// <summary>The privacy profile of agent <paramref name="agentId"/>, or null when there is no such agent.</summary>
    public static Task<AgentPrivacy?> GetAsync(KalmDbContext db, string agentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Users.AsNoTracking().Where(u => u.Id == agentId)
            .Select(u => new AgentPrivacy(u.PrivateSurname, u.PrivatePhone, u.HomeTown, u.ShareKudos))
            .SingleOrDefaultAsync(cancellationToken)!;
    }

    /// <summary>Stores <paramref name="body"/> for agent <paramref name="agentId"/>; the phone number is kept in E.164.</summary>
    public static async Task<Results<Ok<AgentPrivacy>, ProblemHttpResult>> SaveAsync(KalmDbContext db, string agentId, AgentPrivacy body)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(body);
        if (new[] { body.Surname, body.HomeTown }.Any(v => v is { Length: > MaxLength }))
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status400BadRequest, $"'surname' and 'homeTown' are at most {MaxLength} characters.");
        }

        var phone = (string?)null;
        if (!string.IsNullOrWhiteSpace(body.Phone) && !IdentityNormaliser.TryNormalisePhone(body.Phone, out phone))
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status400BadRequest, $"'{body.Phone}' is not a phone number Kalm can recognise.");
        }

        var agent = await db.Users.SingleOrDefaultAsync(u => u.Id == agentId).ConfigureAwait(false);
        if (agent is null)
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status404NotFound, $"No agent {agentId} exists.");
        }

        agent.PrivateSurname = Clean(body.Surname);
        agent.PrivatePhone = phone;
        agent.HomeTown = Clean(body.HomeTown);
        agent.ShareKudos = body.ShareKudos;
        await db.SaveChangesAsync().ConfigureAwait(false);
        return TypedResults.Ok(new AgentPrivacy(agent.PrivateSurname, agent.PrivatePhone, agent.HomeTown, agent.ShareKudos));
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

using System.Security.Claims;
using System.Security.Cryptography;
using Kalm.Desk.Data;
using Kalm.Desk.Domain;
using Kalm.Desk.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kalm.Desk.Agents;

/// <summary>A new desk account.</summary>
public sealed record InviteAgentRequest(string? Email, string? DisplayName, string? PublicAlias, string? Role);

/// <summary>The new account and its one-time password, shown once to the admin who invited it.</summary>
public sealed record InvitedAgent(string Id, string Email, string Password);

/// <summary>Conversations at once on one channel.</summary>
public sealed record CapacityRequest(string? Channel, int MaxConcurrent);

/// <summary>An admin's change to an account; null members stay as they are.</summary>
public sealed record UpdateAgentRequest(
    string? DisplayName = null,
    string? PublicAlias = null,
    string? Role = null,
    IReadOnlyList<Guid>? Teams = null,
    IReadOnlyList<string>? Skills = null,
    IReadOnlyList<string>? Languages = null,
    IReadOnlyList<CapacityRequest>? Capacity = null);

/// <summary>An account as the admin screen shows it.</summary>
public sealed record AgentAccount(
    string Id,
    string Email,
    string DisplayName,
    string PublicAlias,
    string Role,
    IReadOnlyList<Guid> Teams,
    IReadOnlyList<string> Skills,
    IReadOnlyList<string> Languages,
    IReadOnlyList<ChannelCapacity> Capacity,
    Presence Presence);

/// <summary>Inviting and changing desk accounts (admins). Each account has exactly one role.</summary>
public sealed class AgentAdministration(UserManager<AgentUser> users, KalmDbContext db, TimeProvider time)
{
    private const int MaxNameLength = 100;

    public async Task<List<AgentAccount>> ListAsync(CancellationToken cancellationToken)
    {
        var agents = await db.Users.AsNoTracking().Include(u => u.Teams).OrderBy(u => u.DisplayName).ToListAsync(cancellationToken).ConfigureAwait(false);
        var roles = await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. agents.Select(a => new AgentAccount(
            a.Id,
            a.Email ?? string.Empty,
            a.DisplayName,
            a.PublicAlias,
            roles.FirstOrDefault(r => r.UserId == a.Id)?.Name ?? Roles.Agent,
            [.. a.Teams.Select(t => t.Id)],
            a.Skills,
            a.Languages,
            a.Capacity,
            a.Presence))];
    }

    public async Task<Results<Ok<InvitedAgent>, ProblemHttpResult>> InviteAsync(InviteAgentRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var email = request.Email?.Trim();
        if (string.IsNullOrEmpty(email) || !email.Contains('@', StringComparison.Ordinal) || email.Length > 256)
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status400BadRequest, "'email' must be an e-mail address.");
        }

        if ((InvalidName(request.DisplayName, "displayName") ?? InvalidName(request.PublicAlias, "publicAlias")) is { } problem)
        {
            return problem;
        }

        if (Roles.All.FirstOrDefault(r => string.Equals(r, request.Role ?? Roles.Agent, StringComparison.OrdinalIgnoreCase)) is not { } role)
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status400BadRequest, $"Unknown role '{request.Role}'; use one of: {string.Join(", ", Roles.All)}.");
        }

        if (await users.FindByEmailAsync(email).ConfigureAwait(false) is not null)
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status409Conflict, $"An account for {email} exists already.");
        }

        var agent = new AgentUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = request.DisplayName!.Trim(),
            PublicAlias = request.PublicAlias!.Trim(),
            CreatedAt = time.GetUtcNow(),
        };
        var password = GeneratePassword();
        var created = await users.CreateAsync(agent, password).ConfigureAwait(false);
        if (!created.Succeeded)
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status400BadRequest, string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(agent, role).ConfigureAwait(false);
        return TypedResults.Ok(new InvitedAgent(agent.Id, email, password));
    }

    public async Task<Results<Ok<AgentAccount>, ProblemHttpResult>> UpdateAsync(string id, UpdateAgentRequest request, ClaimsPrincipal admin)
    {
        ArgumentNullException.ThrowIfNull(request);
        var agent = await db.Users.Include(u => u.Teams).SingleOrDefaultAsync(u => u.Id == id).ConfigureAwait(false);
        if (agent is null)
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status404NotFound, $"No agent {id} exists.");
        }

        var invalid = (request.DisplayName is null ? null : InvalidName(request.DisplayName, "displayName"))
            ?? (request.PublicAlias is null ? null : InvalidName(request.PublicAlias, "publicAlias"));
        if (invalid is not null)
        {
            return invalid;
        }

        agent.DisplayName = request.DisplayName?.Trim() ?? agent.DisplayName;
        agent.PublicAlias = request.PublicAlias?.Trim() ?? agent.PublicAlias;
        agent.Skills = request.Skills is null ? agent.Skills : Clean(request.Skills);
        agent.Languages = request.Languages is null ? agent.Languages : Clean(request.Languages);
        if (request.Capacity is not null)
        {
            var capacity = new List<ChannelCapacity>();
            foreach (var item in request.Capacity)
            {
                if (!ApiNames.TryParse<Channel>(item.Channel, out var channel) || item.MaxConcurrent is < 0 or > 50)
                {
                    return ProblemDetailsSetup.Problem(StatusCodes.Status400BadRequest, $"Capacity needs a channel ({ApiNames.List<Channel>()}) and 0 to 50 conversations.");
                }

                capacity.Add(new ChannelCapacity(channel, item.MaxConcurrent));
            }

            agent.Capacity = capacity;
        }

        if (request.Teams is not null)
        {
            var teams = await db.Teams.Where(t => request.Teams.Contains(t.Id)).ToListAsync().ConfigureAwait(false);
            if (teams.Count != request.Teams.Distinct().Count())
            {
                return ProblemDetailsSetup.Problem(StatusCodes.Status400BadRequest, "One of the teams does not exist.");
            }

            agent.Teams.Clear();
            teams.ForEach(agent.Teams.Add);
        }

        if (request.Role is not null)
        {
            if (Roles.All.FirstOrDefault(r => string.Equals(r, request.Role, StringComparison.OrdinalIgnoreCase)) is not { } role)
            {
                return ProblemDetailsSetup.Problem(StatusCodes.Status400BadRequest, $"Unknown role '{request.Role}'; use one of: {string.Join(", ", Roles.All)}.");
            }

            var current = await users.GetRolesAsync(agent).ConfigureAwait(false);
            if (agent.Id == admin.AgentId() && role != Roles.Admin)
            {
                return ProblemDetailsSetup.Problem(StatusCodes.Status400BadRequest, "You cannot take away your own admin role; ask another admin.");
            }

            if (!current.SequenceEqual([role]))
            {
                await users.RemoveFromRolesAsync(agent, current).ConfigureAwait(false);
                await users.AddToRoleAsync(agent, role).ConfigureAwait(false);

                // A new stamp ends the agent's open sessions, so the new role applies at once.
                await users.UpdateSecurityStampAsync(agent).ConfigureAwait(false);
            }
        }

        await db.SaveChangesAsync().ConfigureAwait(false);
        return TypedResults.Ok((await ListAsync(CancellationToken.None).ConfigureAwait(false)).Single(a => a.Id == id));
    }

    /// <summary>A one-time password that meets Identity's rules: upper and lower case, digits and a symbol.</summary>
    internal static string GeneratePassword() =>
        $"Kalm-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5))}-{RandomNumberGenerator.GetInt32(10, 100)}";

    private static List<string> Clean(IEnumerable<string> values) =>
        [.. values.Select(v => v.Trim().ToLowerInvariant()).Where(v => v.Length is > 0 and <= 50).Distinct()];

    private static ProblemHttpResult? InvalidName(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) || value.Trim().Length > MaxNameLength
            ? ProblemDetailsSetup.Problem(StatusCodes.Status400BadRequest, $"'{field}' is required and at most {MaxNameLength} characters.")
            : null;
}

using System.Security.Claims;

namespace Kalm.Desk.Infrastructure;

/// <summary>Reading enum values and the signed-in agent from requests, the same way in every feature.</summary>
public static class ApiNames
{
    /// <summary>
    /// Parses an enum value written as in the JSON (<c>in_progress</c>, <c>whatsapp</c>), case-insensitively.
    /// Numbers are refused so that clients cannot depend on declaration order.
    /// </summary>
    public static bool TryParse<TEnum>(string? value, out TEnum result)
        where TEnum : struct, Enum
    {
        result = default;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var compact = value.Trim().Replace("_", string.Empty, StringComparison.Ordinal);
        return !char.IsAsciiDigit(compact[0]) && compact[0] != '-'
            && Enum.TryParse(compact, ignoreCase: true, out result) && Enum.IsDefined(result);
    }

    /// <summary>The JSON names of an enum's values, for error messages.</summary>
    public static string List<TEnum>()
        where TEnum : struct, Enum =>
        string.Join(", ", Enum.GetNames<TEnum>().Select(name => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(name)));

    /// <summary>The JSON name of one enum value.</summary>
    public static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    /// <summary>The Identity user id of the signed-in agent.</summary>
    public static string AgentId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("The endpoint requires a signed-in agent.");

    /// <summary>Whether the signed-in user sees every queue (supervisors and admins).</summary>
    public static bool SeesAllQueues(this ClaimsPrincipal user) =>
        user.IsInRole(Kalm.Desk.Domain.Roles.Supervisor) || user.IsInRole(Kalm.Desk.Domain.Roles.Admin);
}

using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Kalm.Desk.Channels.Chat;

/// <summary>
/// Signs visitor ids with Data Protection, so a visitor can only present an id the desk handed out
/// and never guess their way into someone else's chat. The keys live in the database, so tokens
/// survive restarts and work on every instance.
/// </summary>
public sealed class VisitorTokens(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Kalm.Chat.VisitorToken.v1");

    /// <summary>A new random visitor id; 128 bits, so nobody guesses another's.</summary>
    public static string NewVisitorId() => Guid.NewGuid().ToString("N");

    /// <summary>Signs <paramref name="payload"/> into a token.</summary>
    public string Protect(string payload) => _protector.Protect(payload);

    /// <summary>The payload inside <paramref name="token"/>, or null when it is missing, forged or from another installation.</summary>
    public string? Read(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 1000)
        {
            return null;
        }

        try
        {
            return _protector.Unprotect(token);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}

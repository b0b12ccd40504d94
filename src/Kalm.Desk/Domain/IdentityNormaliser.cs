using System.Net.Mail;

namespace Kalm.Desk.Domain;

/// <summary>Brings customer handles into the one form they are stored and looked up in.</summary>
public static class IdentityNormaliser
{
    /// <summary>Numbers written nationally (<c>06 1234 5678</c>) are Dutch unless they say otherwise.</summary>
    public const string DefaultCountryCode = "31";

    private const int MinE164Digits = 8;
    private const int MaxE164Digits = 15;

    /// <summary>Trims and lower-cases an e-mail address; false when it is not an address.</summary>
    public static bool TryNormaliseEmail(string? input, out string email)
    {
        email = string.Empty;
        var trimmed = input?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > 320
            || !MailAddress.TryCreate(trimmed, out var address) || address.Address != trimmed)
        {
            return false;
        }

        email = trimmed.ToLowerInvariant();
        return true;
    }

    /// <summary>
    /// Converts a phone number to E.164 (<c>+31612345678</c>). Accepts spaces, dashes, dots and
    /// brackets, a leading <c>+</c> or <c>00</c> for international numbers and a leading <c>0</c>
    /// for Dutch national numbers; false for anything else.
    /// </summary>
    public static bool TryNormalisePhone(string? input, out string phone)
    {
        phone = string.Empty;
        if (string.IsNullOrWhiteSpace(input))
        {
            return false;
        }

        var digits = new System.Text.StringBuilder(input.Length);
        var international = false;
        foreach (var (c, index) in input.Trim().Select((c, i) => (c, i)))
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (c == '+' && index == 0)
            {
                international = true;
            }
            else if (c is not (' ' or '-' or '.' or '(' or ')' or '/'))
            {
                return false;
            }
        }

        var number = digits.ToString();
        if (!international)
        {
            if (number.StartsWith("00", StringComparison.Ordinal))
            {
                number = number[2..];
            }
            else if (number.StartsWith('0'))
            {
                number = DefaultCountryCode + number[1..];
            }
            else
            {
                return false;
            }
        }

        // Brackets often hold the national trunk zero: +31 (0)6 1234 5678.
        if (number.StartsWith(DefaultCountryCode + "0", StringComparison.Ordinal))
        {
            number = DefaultCountryCode + number[(DefaultCountryCode.Length + 1)..];
        }

        if (number.Length is < MinE164Digits or > MaxE164Digits || number.StartsWith('0'))
        {
            return false;
        }

        phone = "+" + number;
        return true;
    }
}

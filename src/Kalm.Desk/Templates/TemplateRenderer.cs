using System.Text;

namespace Kalm.Desk.Templates;

/// <summary>What a template's variables are filled with.</summary>
/// <param name="CustomerName">The customer's full name, if known.</param>
/// <param name="AgentAlias">The public alias of the agent who sends the reply, never their real name.</param>
/// <param name="OrganisationName">The organisation's name.</param>
/// <param name="Subject">The conversation's subject, if any.</param>
/// <param name="Language">The template's language, which picks the fallback words for unknown values.</param>
public sealed record TemplateValues(string? CustomerName, string AgentAlias, string OrganisationName, string? Subject, string Language = "nl");

/// <summary>The filled-in text and the variables the template used that Kalm does not know.</summary>
public sealed record RenderedTemplate(string Text, IReadOnlyList<string> UnknownVariables);

/// <summary>
/// Fills in <c>{variable}</c> placeholders. Dutch and English names are both accepted so a template
/// reads naturally in its own language; <c>{{</c> and <c>}}</c> write literal braces.
/// </summary>
public static class TemplateRenderer
{
    /// <summary>The variables an admin can use, by name, with what they stand for.</summary>
    public static IReadOnlyDictionary<string, string> Variables { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["klant"] = "customer's name",
        ["customer"] = "customer's name",
        ["klant.voornaam"] = "customer's first name",
        ["customer.first_name"] = "customer's first name",
        ["agent"] = "agent's public alias",
        ["organisatie"] = "organisation name",
        ["organisation"] = "organisation name",
        ["onderwerp"] = "conversation subject",
        ["subject"] = "conversation subject",
    };

    public static RenderedTemplate Render(string body, TemplateValues values)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(values);
        var text = new StringBuilder(body.Length + 32);
        var unknown = new List<string>();
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if ((c == '{' || c == '}') && i + 1 < body.Length && body[i + 1] == c)
            {
                text.Append(c);
                i++;
                continue;
            }

            var close = c == '{' ? body.IndexOf('}', i + 1) : -1;
            if (close < 0)
            {
                text.Append(c);
                continue;
            }

            var name = body[(i + 1)..close].Trim();
            if (Value(name, values) is { } value)
            {
                text.Append(value);
            }
            else
            {
                unknown.Add(name);
                text.Append(body, i, close - i + 1);
            }

            i = close;
        }

        return new RenderedTemplate(text.ToString(), unknown);
    }

    private static string? Value(string name, TemplateValues values)
    {
        var english = values.Language.StartsWith("en", StringComparison.OrdinalIgnoreCase);
        var customer = string.IsNullOrWhiteSpace(values.CustomerName) ? null : values.CustomerName.Trim();
        return name.ToLowerInvariant() switch
        {
            "klant" or "customer" => customer ?? (english ? "customer" : "klant"),
            "klant.voornaam" or "customer.first_name" => customer?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0] ?? (english ? "customer" : "klant"),
            "agent" => values.AgentAlias,
            "organisatie" or "organisation" => values.OrganisationName,
            "onderwerp" or "subject" => values.Subject ?? (english ? "your question" : "uw vraag"),
            _ => null,
        };
    }
}

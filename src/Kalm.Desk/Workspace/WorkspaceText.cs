using Kalm.Desk.Domain;
using Microsoft.Extensions.Localization;

namespace Kalm.Desk.Workspace;

/// <summary>Display names of the desk's enums and times, shared by every screen.</summary>
public static class WorkspaceText
{
    public static string Channel(IStringLocalizer<Ui> l, Channel channel)
    {
        ArgumentNullException.ThrowIfNull(l);
        return channel switch
        {
            Domain.Channel.Email => l["Email"].Value,
            Domain.Channel.Chat => l["Chat"].Value,
            Domain.Channel.WhatsApp => "WhatsApp",
            Domain.Channel.Phone => l["Phone"].Value,
            _ => "API",
        };
    }

    public static string Status(IStringLocalizer<Ui> l, ConversationStatus status)
    {
        ArgumentNullException.ThrowIfNull(l);
        return status switch
        {
            ConversationStatus.New => l["New"].Value,
            ConversationStatus.Open => l["Open"].Value,
            ConversationStatus.Pending => l["Pending"].Value,
            ConversationStatus.Resolved => l["Resolved"].Value,
            _ => l["Closed"].Value,
        };
    }

    public static string Presence(IStringLocalizer<Ui> l, Presence presence)
    {
        ArgumentNullException.ThrowIfNull(l);
        return presence switch
        {
            Domain.Presence.Available => l["Available"].Value,
            Domain.Presence.Busy => l["Busy"].Value,
            Domain.Presence.Break => l["On a break"].Value,
            Domain.Presence.Away => l["Away"].Value,
            _ => l["Offline"].Value,
        };
    }

    /// <summary>A Shield category by its stable name, such as <c>disease_curse</c>.</summary>
    public static string Category(IStringLocalizer<Ui> l, string category)
    {
        ArgumentNullException.ThrowIfNull(l);
        return category switch
        {
            "profanity" => l["profanity"],
            "insult" => l["insult"],
            "disease_curse" => l["disease curse"],
            "threat" => l["threat of violence"],
            "intimidation" => l["intimidation"],
            "sexual_harassment" => l["sexual harassment"],
            "discrimination" => l["discrimination"],
            "shouting" => l["shouting"],
            "self_harm" => l["self-harm"],
            "compliment" => l["compliment"],
            _ => category,
        };
    }

    public static string Level(IStringLocalizer<Ui> l, Protection.ConductLevel level)
    {
        ArgumentNullException.ThrowIfNull(l);
        return level switch
        {
            Protection.ConductLevel.Caution => l["Caution"],
            Protection.ConductLevel.Hostile => l["Hostile customer"],
            Protection.ConductLevel.Dangerous => l["Dangerous"],
            _ => l["No concerns"],
        };
    }

    /// <summary>"5 min ago" for today, a date for older times: agents scan this, they do not compute it.</summary>
    public static string Ago(IStringLocalizer<Ui> l, DateTimeOffset at, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(l);
        var elapsed = now - at;
        return elapsed switch
        {
            { TotalMinutes: < 1 } => l["just now"].Value,
            { TotalHours: < 1 } => l["{0} min ago", (int)elapsed.TotalMinutes].Value,
            { TotalHours: < 24 } => l["{0} h ago", (int)elapsed.TotalHours].Value,
            _ => at.ToLocalTime().ToString("d MMM", System.Globalization.CultureInfo.CurrentCulture),
        };
    }
}

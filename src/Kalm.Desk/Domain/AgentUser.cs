using Microsoft.AspNetCore.Identity;

namespace Kalm.Desk.Domain;

/// <summary>An agent, supervisor or admin: an Identity account with the desk's profile.</summary>
public sealed class AgentUser : IdentityUser
{
    public required string DisplayName { get; set; }

    /// <summary>The name customers see, so an agent's real name need not be exposed to hostile customers.</summary>
    public required string PublicAlias { get; set; }

    public List<string> Skills { get; set; } = [];

    /// <summary>BCP 47 tags such as <c>nl</c> or <c>en</c>.</summary>
    public List<string> Languages { get; set; } = [];

    /// <summary>How many conversations the agent handles at once per channel; a missing channel means none.</summary>
    public List<ChannelCapacity> Capacity { get; set; } = [];

    public Presence Presence { get; set; } = Presence.Offline;

    public DateTimeOffset PresenceChangedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When routing last handed the agent a conversation, so the queue can pick the agent idle longest.</summary>
    public DateTimeOffset? LastRoutedAt { get; set; }

    /// <summary>Whether abusive and threatening messages are shown masked; on unless the agent turns it off.</summary>
    public bool ShieldMode { get; set; } = true;

    /// <summary>The workspace language: <c>nl-NL</c> (default) or <c>en</c>.</summary>
    public string UiLanguage { get; set; } = "nl-NL";

    /// <summary>The agent's real surname, kept only so Kalm can warn before it reaches a customer.</summary>
    public string? PrivateSurname { get; set; }

    /// <summary>The agent's private phone number (E.164), kept only to warn before it reaches a customer.</summary>
    public string? PrivatePhone { get; set; }

    /// <summary>Where the agent lives, kept only to warn before it reaches a customer.</summary>
    public string? HomeTown { get; set; }

    /// <summary>Whether the compliments customers paid this agent are shown to their team too.</summary>
    public bool ShareKudos { get; set; }

    public ICollection<Team> Teams { get; set; } = [];

    public ICollection<PresenceChange> PresenceHistory { get; set; } = [];

    /// <summary>Switches presence and keeps the change in the history; false when nothing changed.</summary>
    public bool SwitchPresence(Presence presence, DateTimeOffset at)
    {
        if (Presence == presence)
        {
            return false;
        }

        PresenceHistory.Add(new PresenceChange { AgentId = Id, From = Presence, To = presence, At = at });
        Presence = presence;
        PresenceChangedAt = at;
        return true;
    }
}

/// <summary>The number of simultaneous conversations an agent takes on one channel.</summary>
public sealed record ChannelCapacity(Channel Channel, int MaxConcurrent);

/// <summary>One presence change of an agent, kept for the history and reports.</summary>
public sealed class PresenceChange
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string AgentId { get; set; }

    public AgentUser? Agent { get; set; }

    public Presence From { get; set; }

    public Presence To { get; set; }

    public DateTimeOffset At { get; set; }
}

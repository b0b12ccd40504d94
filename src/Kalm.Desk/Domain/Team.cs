namespace Kalm.Desk.Domain;

/// <summary>A team of agents and the queue it works: conversations wait in a team until someone takes them.</summary>
public sealed class Team
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    public string? Description { get; set; }

    /// <summary>Lower sorts first; the first team serving a channel is that channel's default queue.</summary>
    public int SortOrder { get; set; }

    public List<Channel> Channels { get; set; } = [];

    public List<string> RequiredSkills { get; set; } = [];

    /// <summary>Opening hours of this queue; empty means the organisation's hours apply.</summary>
    public List<BusinessHours> BusinessHours { get; set; } = [];

    public ICollection<AgentUser> Members { get; set; } = [];
}

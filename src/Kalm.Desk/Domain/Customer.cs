namespace Kalm.Desk.Domain;

/// <summary>One person across channels, known by one or more identities.</summary>
public sealed class Customer
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public string? Name { get; set; }

    public string? Notes { get; set; }

    /// <summary>Set when this customer was merged into another; the record stays so old references resolve.</summary>
    public Guid? MergedIntoId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public ICollection<CustomerIdentity> Identities { get; set; } = [];

    public ICollection<Conversation> Conversations { get; set; } = [];
}

/// <summary>A handle a customer is reached by; a kind and normalised value belong to one customer only.</summary>
public sealed class CustomerIdentity
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid CustomerId { get; set; }

    public Customer? Customer { get; set; }

    public IdentityKind Kind { get; set; }

    /// <summary>Normalised: e-mail lower-case, phone numbers in E.164.</summary>
    public required string Value { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

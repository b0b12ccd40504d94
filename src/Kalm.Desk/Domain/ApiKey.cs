using System.Security.Cryptography;
using System.Text;

namespace Kalm.Desk.Domain;

/// <summary>A key an integration uses for the ingest API. Only its SHA-256 hash is stored.</summary>
public sealed class ApiKey
{
    /// <summary>Every key starts with this, so leaked keys are easy to recognise in logs and scanners.</summary>
    public const string SecretPrefix = "kalm_";

    private const int DisplayPrefixLength = 12;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    /// <summary>The first characters of the secret, shown so admins can tell keys apart.</summary>
    public required string Prefix { get; set; }

    /// <summary>Lower-case hex SHA-256 of the secret.</summary>
    public required string Hash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string? CreatedById { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public bool IsRevoked => RevokedAt is not null;

    /// <summary>Creates a key from a fresh random secret; the secret is returned once and never stored.</summary>
    public static ApiKey Create(string name, DateTimeOffset now, out string secret)
    {
        secret = SecretPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        return FromSecret(name, secret, now);
    }

    /// <summary>Creates a key for a secret chosen elsewhere, such as the bootstrap key from configuration.</summary>
    public static ApiKey FromSecret(string name, string secret, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(secret);
        return new ApiKey
        {
            Name = name,
            Prefix = secret.Length > DisplayPrefixLength ? secret[..DisplayPrefixLength] : secret,
            Hash = HashSecret(secret),
            CreatedAt = now,
        };
    }

    public static string HashSecret(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}

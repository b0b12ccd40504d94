using System.ComponentModel.DataAnnotations;

namespace Kalm.Desk.Infrastructure;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary><c>Kalm:Database</c>: which database the desk runs on; the connection string is <c>ConnectionStrings:Kalm</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Kalm:Database";
    public const string ConnectionStringName = "Kalm";
    public const string DefaultSqliteConnectionString = "Data Source=data/kalm.db";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}

/// <summary><c>Kalm:Demo</c>: the demo organisation seeded into an empty database.</summary>
public sealed class DemoOptions
{
    public const string Section = "Kalm:Demo";

    public bool Enabled { get; set; } = true;

    /// <summary>The password of every demo account; when empty one is generated and printed at seeding time.</summary>
    public string? Password { get; set; }
}

/// <summary><c>Kalm:Bootstrap</c>: secrets that let a fresh installation be used before an admin has signed in.</summary>
public sealed class BootstrapOptions
{
    public const string Section = "Kalm:Bootstrap";

    /// <summary>An ingest API key stored (hashed) at start when no key with this secret exists yet.</summary>
    [MinLength(16)]
    public string? ApiKey { get; set; }

    /// <summary>An admin account created at start when no account with this e-mail exists: the first way in without the demo.</summary>
    [EmailAddress]
    public string? AdminEmail { get; set; }

    /// <summary>The password of <see cref="AdminEmail"/>, used only when the account is created.</summary>
    public string? AdminPassword { get; set; }
}

/// <summary><c>Kalm:Ingest</c>: limits for inbound messages.</summary>
public sealed class IngestOptions
{
    public const string Section = "Kalm:Ingest";

    /// <summary>Room for the JSON around the text (names, subject, escapes) when capping the request body.</summary>
    public const int EnvelopeBytes = 16 * 1024;

    /// <summary>The largest message text accepted, in UTF-8 bytes.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxTextBytes { get; set; } = 100 * 1024;

    /// <summary>
    /// Requests above this are refused with 413 before their body is read. Twice the text limit,
    /// because JSON escaping (<c>\u00e9</c>, <c>\n</c>) can grow an accepted text on the wire.
    /// </summary>
    public long MaxRequestBodyBytes => (2L * MaxTextBytes) + EnvelopeBytes;
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Kalm.Desk.Data;

/// <summary>The SQLite flavour of <see cref="KalmDbContext"/>; its migrations live in Data/Migrations/Sqlite.</summary>
public sealed class SqliteKalmDbContext(DbContextOptions<SqliteKalmDbContext> options) : KalmDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        base.ConfigureConventions(configurationBuilder);

        // SQLite has no date-time type: the provider stores DateTimeOffset as text it cannot compare or
        // order in SQL. UTC ticks keep WHERE and ORDER BY on times working the same as on PostgreSQL.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<TimeSpan>().HaveConversion<long>();
    }
}

/// <summary>The PostgreSQL flavour of <see cref="KalmDbContext"/>; its migrations live in Data/Migrations/Postgres.</summary>
public sealed class PostgresKalmDbContext(DbContextOptions<PostgresKalmDbContext> options) : KalmDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        base.ConfigureConventions(configurationBuilder);

        // timestamptz only accepts UTC offsets from Npgsql; normalise instead of failing on a caller's offset.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeOffsetConverter>();
    }
}

/// <summary>Lets <c>dotnet ef</c> build the SQLite model without starting the host.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteKalmDbContext>
{
    public SqliteKalmDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteKalmDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL model without a server.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresKalmDbContext>
{
    public PostgresKalmDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresKalmDbContext>().UseNpgsql("Host=localhost;Database=kalm").Options);
}

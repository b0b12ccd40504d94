using Kalm.Desk.Domain;
using Kalm.Desk.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kalm.Desk.Data;

/// <summary>Where the desk keeps its data, resolved once from configuration.</summary>
public sealed record DatabaseLocation(DatabaseProvider Provider, string ConnectionString, string Description);

public static class DatabaseSetup
{
    public static IHostApplicationBuilder AddKalmDatabase(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section);

        // Resolved from the container rather than read here, so hosts and test factories that add
        // configuration after Program starts still choose the provider and connection string.
        builder.Services.AddSingleton(services => Locate(
            services.GetRequiredService<IOptions<DatabaseOptions>>().Value,
            services.GetRequiredService<IConfiguration>(),
            services.GetRequiredService<IHostEnvironment>()));

        builder.Services.AddScoped<KalmDbContext>(services => services.GetRequiredService<DatabaseLocation>().Provider switch
        {
            DatabaseProvider.Postgres => services.GetRequiredService<PostgresKalmDbContext>(),
            _ => services.GetRequiredService<SqliteKalmDbContext>(),
        });
        builder.Services.AddDbContext<SqliteKalmDbContext>((services, options) =>
            options.UseSqlite(services.GetRequiredService<DatabaseLocation>().ConnectionString));
        builder.Services.AddDbContext<PostgresKalmDbContext>((services, options) =>
            options.UseNpgsql(services.GetRequiredService<DatabaseLocation>().ConnectionString));
        builder.Services.AddKalmDataProtection();
        return builder;
    }

    /// <summary>Applies pending migrations and makes sure the roles, organisation and bootstrap key exist.</summary>
    public static async Task MigrateKalmDatabaseAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<KalmDbContext>();
        await db.Database.MigrateAsync().ConfigureAwait(false);
        if (db.Database.IsSqlite())
        {
            // Write-ahead logging lets readers continue while ingest writes.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;").ConfigureAwait(false);
        }

        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role).ConfigureAwait(false))
            {
                EnsureSucceeded(await roles.CreateAsync(new IdentityRole(role)).ConfigureAwait(false), $"create role {role}");
            }
        }

        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var bootstrap = services.GetRequiredService<IOptions<BootstrapOptions>>().Value;
        if (!string.IsNullOrWhiteSpace(bootstrap.ApiKey))
        {
            var hash = ApiKey.HashSecret(bootstrap.ApiKey.Trim());
            if (!await db.ApiKeys.AnyAsync(k => k.Hash == hash).ConfigureAwait(false))
            {
                db.ApiKeys.Add(ApiKey.FromSecret("Bootstrap (Kalm:Bootstrap:ApiKey)", bootstrap.ApiKey.Trim(), now));
                await db.SaveChangesAsync().ConfigureAwait(false);
            }
        }

        if (!string.IsNullOrWhiteSpace(bootstrap.AdminEmail))
        {
            await EnsureBootstrapAdminAsync(services.GetRequiredService<UserManager<AgentUser>>(), bootstrap, now).ConfigureAwait(false);
        }
    }

    private static async Task EnsureBootstrapAdminAsync(UserManager<AgentUser> users, BootstrapOptions bootstrap, DateTimeOffset now)
    {
        var email = bootstrap.AdminEmail!.Trim();
        if (await users.FindByEmailAsync(email).ConfigureAwait(false) is not null)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(bootstrap.AdminPassword))
        {
            throw new InvalidOperationException("Kalm:Bootstrap:AdminEmail is set but Kalm:Bootstrap:AdminPassword is empty.");
        }

        var name = email.Split('@')[0];
        var admin = new AgentUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = name,
            PublicAlias = name,
            CreatedAt = now,
            PresenceChangedAt = now,
        };
        EnsureSucceeded(await users.CreateAsync(admin, bootstrap.AdminPassword).ConfigureAwait(false), $"create the bootstrap admin {email}");
        EnsureSucceeded(await users.AddToRoleAsync(admin, Roles.Admin).ConfigureAwait(false), $"make {email} an admin");
    }

    internal static void EnsureSucceeded(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Could not {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }

    private static DatabaseLocation Locate(DatabaseOptions options, IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
        if (options.Provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(configured))
            {
                throw new InvalidOperationException(
                    "Kalm:Database:Provider is Postgres but ConnectionStrings:Kalm is empty; set it to an Npgsql connection string.");
            }

            var postgres = new Npgsql.NpgsqlConnectionStringBuilder(configured);
            return new DatabaseLocation(options.Provider, configured, $"PostgreSQL database {postgres.Database} on {postgres.Host}:{postgres.Port}");
        }

        var sqlite = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured)
            ? DatabaseOptions.DefaultSqliteConnectionString
            : configured);
        var inMemory = sqlite.Mode == SqliteOpenMode.Memory
            || string.Equals(sqlite.DataSource, ":memory:", StringComparison.Ordinal);
        if (inMemory)
        {
            return new DatabaseLocation(options.Provider, sqlite.ConnectionString, "SQLite in memory");
        }

        // A relative file lives under the content root, not wherever the process was started.
        sqlite.DataSource = Path.GetFullPath(sqlite.DataSource, environment.ContentRootPath);
        Directory.CreateDirectory(Path.GetDirectoryName(sqlite.DataSource)!);
        return new DatabaseLocation(options.Provider, sqlite.ConnectionString, sqlite.DataSource);
    }
}

using System.Net.Http.Headers;
using System.Net.Http.Json;
using Kalm.Desk.Data;
using Kalm.Desk.Domain;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Kalm.Desk.Tests.Infrastructure;

/// <summary>
/// Hosts the whole desk in memory on a real database. Test classes take a provider-specific subclass
/// (<see cref="SqliteDesk"/>, <see cref="PostgresDesk"/>) as a class fixture, so each class gets its own
/// empty database and every behaviour is checked on both providers.
/// </summary>
public abstract class DeskFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>The ingest key configured through <c>Kalm:Bootstrap:ApiKey</c>.</summary>
    public const string ApiKey = "test-ingest-key-0123456789abcdef";

    /// <summary>The admin created through <c>Kalm:Bootstrap:AdminEmail</c>.</summary>
    public const string AdminEmail = "admin@kalm.test";

    /// <summary>Password of the bootstrap admin and of every user made with <see cref="CreateUserAsync"/>.</summary>
    public const string Password = "Test-Passw0rd!";

    private string? _connectionString;

    /// <summary>The clock the desk runs on; tests move it forward.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 5, 12, 9, 0, 0, TimeSpan.Zero));

    /// <summary>Kalm:Database:Provider for this factory.</summary>
    protected abstract string Provider { get; }

    /// <summary>Whether the demo organisation is seeded.</summary>
    protected virtual bool SeedDemo => false;

    /// <summary>
    /// Whether Kalm hands waiting conversations to available agents. Off unless a test class is
    /// about routing, so that tests of manual assignment see the queue as they left it.
    /// </summary>
    protected virtual bool Routing => false;

    /// <summary>The desk's public address (<c>Kalm:Email:PublicUrl</c>); without it no survey mail is sent.</summary>
    protected virtual string? PublicUrl => null;

    /// <summary>Creates the database this factory runs on.</summary>
    protected abstract Task<string> CreateDatabaseAsync();

    /// <inheritdoc />
    public virtual Task InitializeAsync() => CreateDatabaseAndStartAsync();

    /// <summary>Creates the database, then starts the host, so migrations run once per class and not inside the first test.</summary>
    protected async Task CreateDatabaseAndStartAsync()
    {
        _connectionString = await CreateDatabaseAsync();
        StartServer();
    }

    /// <inheritdoc />
    public new virtual async Task DisposeAsync() => await base.DisposeAsync();

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Kalm:Database:Provider", Provider);
        builder.UseSetting("ConnectionStrings:Kalm", _connectionString
            ?? throw new InvalidOperationException("The database is created in InitializeAsync, before the host starts."));
        builder.UseSetting("Kalm:Demo:Enabled", SeedDemo ? "true" : "false");
        builder.UseSetting("Kalm:Routing:Enabled", Routing ? "true" : "false");
        builder.UseSetting("Kalm:Demo:Password", Password);
        builder.UseSetting("Kalm:Bootstrap:ApiKey", ApiKey);
        builder.UseSetting("Kalm:Bootstrap:AdminEmail", AdminEmail);
        builder.UseSetting("Kalm:Bootstrap:AdminPassword", Password);
        // The mail tests poll and send directly, so that a background pass never races an assertion.
        builder.UseSetting("Kalm:Email:Workers", "false");
        builder.UseSetting("Kalm:Email:MaxAttachmentBytes", "1048576");
        if (PublicUrl is { } publicUrl)
        {
            builder.UseSetting("Kalm:Email:PublicUrl", publicUrl);
        }

        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "None");
        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }

    /// <summary>A client that sends the ingest API key.</summary>
    public HttpClient CreateIngestClient(string apiKey = ApiKey)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    /// <summary>
    /// Delivers a customer message through the ingest API, as an integration would, and returns the
    /// stored ids; fails the test when the desk refuses it.
    /// </summary>
    /// <param name="email">The sender's address; a fresh one (a new customer) when null.</param>
    public async Task<Delivered> DeliverAsync(string channel, string text, string? email = null, string? subject = null)
    {
        using var ingest = CreateIngestClient();
        var response = await ingest.PostAsJsonAsync("/api/v1/inbound", new
        {
            channel,
            externalId = Guid.NewGuid().ToString(),
            from = new { email = email ?? $"customer-{Guid.NewGuid():N}@example.nl" },
            subject,
            text,
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return new Delivered(body.GetProperty("conversationId").GetGuid(), body.GetProperty("messageId").GetGuid());
    }

    /// <summary>Signs in and returns a client that sends the bearer token.</summary>
    public async Task<HttpClient> CreateSignedInClientAsync(string email = AdminEmail, string password = Password)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await SignInAsync(email, password));
        return client;
    }

    /// <summary>Signs in through the API and returns the bearer token.</summary>
    public async Task<string> SignInAsync(string email = AdminEmail, string password = Password)
    {
        using var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>();
        Assert.False(string.IsNullOrEmpty(token?.AccessToken), "The sign-in response carries an access token.");
        return token!.AccessToken;
    }

    /// <summary>Creates a desk user with the given role and <see cref="Password"/>.</summary>
    public async Task<AgentUser> CreateUserAsync(string role, string? email = null)
    {
        email ??= $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@kalm.test";
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AgentUser>>();
        var user = new AgentUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = email,
            PublicAlias = "Alias " + role,
            CreatedAt = Clock.GetUtcNow(),
        };
        Check(await users.CreateAsync(user, Password));
        Check(await users.AddToRoleAsync(user, role));
        return user;

        static void Check(IdentityResult result) =>
            Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(error => error.Description)));
    }

    /// <summary>Runs a query or change directly on the desk's database.</summary>
    public async Task<T> WithDatabaseAsync<T>(Func<KalmDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<KalmDbContext>());
    }

    private sealed record TokenResponse(string AccessToken);

    /// <summary>The ids the ingest API answered with.</summary>
    public sealed record Delivered(Guid ConversationId, Guid MessageId);
}

/// <summary>The desk on a SQLite file of its own.</summary>
public class SqliteDesk : DeskFactory
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"kalm-test-{Guid.NewGuid():N}.db");

    /// <inheritdoc />
    protected override string Provider => "Sqlite";

    /// <inheritdoc />
    protected override Task<string> CreateDatabaseAsync() => Task.FromResult($"Data Source={_file}");

    /// <inheritdoc />
    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in (string[])["", "-wal", "-shm"])
        {
            File.Delete(_file + suffix);
        }
    }
}

/// <summary>The desk on a fresh database of the run's PostgreSQL server.</summary>
public class PostgresDesk : DeskFactory
{
    /// <inheritdoc />
    protected override string Provider => "Postgres";

    /// <inheritdoc />
    protected override Task<string> CreateDatabaseAsync() => PostgresServer.Instance.CreateDatabaseAsync();
}

/// <summary>The desk with the demo organisation seeded, on SQLite.</summary>
public sealed class DemoDesk : SqliteDesk
{
    /// <inheritdoc />
    protected override bool SeedDemo => true;
}

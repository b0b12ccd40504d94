using System.Security.Cryptography;
using Kalm.Desk.Data;
using Kalm.Desk.Domain;
using Kalm.Desk.Infrastructure;
using Kalm.Shield;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kalm.Desk.Demo;

/// <summary>What the demo seeding did, for the start-up banner.</summary>
internal sealed class DemoState
{
    public bool Seeded { get; set; }

    /// <summary>Known only when configured or when it was just generated; Identity stores only hashes.</summary>
    public string? Password { get; set; }

    public IReadOnlyList<DemoAgent> Accounts { get; set; } = [];
}

public static class DemoSetup
{
    public static IHostApplicationBuilder AddDemoOrganisation(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section);
        builder.Services.AddSingleton<DemoState>();
        builder.Services.AddScoped<DemoSeeder>();
        return builder;
    }

    /// <summary>Seeds the demo organisation into an empty database, unless <c>Kalm:Demo:Enabled</c> is false.</summary>
    public static async Task SeedDemoOrganisationAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Prints where Kalm listens, where its data lives and how to sign in, once the server is up.</summary>
    public static void PrintStartupBanner(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var location = app.Services.GetRequiredService<DatabaseLocation>();
            var demo = app.Services.GetRequiredService<DemoState>();
            var lines = new List<string> { string.Empty, "Kalm is gestart." };
            lines.AddRange(addresses.Select(address => $"  Desk:     {address}   (API-documentatie: {address.TrimEnd('/')}/docs)"));
            lines.Add($"  Data:     {location.Description}");
            if (demo.Accounts.Count > 0)
            {
                lines.Add("  Demo-accounts:");
                lines.AddRange(demo.Accounts.Select(a => $"    {a.Email,-32} {a.Role}"));
                lines.Add(demo.Password is not null
                    ? $"  Wachtwoord (alle demo-accounts): {demo.Password}"
                    : "  Wachtwoord: getoond bij de eerste start; start met --Kalm:Demo:Password=<nieuw> om het opnieuw in te stellen.");
            }

            if (location.Provider == DatabaseProvider.Sqlite)
            {
                lines.Add("  Opnieuw beginnen: stop Kalm en verwijder het databasebestand hierboven.");
            }

            Console.WriteLine(string.Join(Environment.NewLine, lines) + Environment.NewLine);
        });
    }
}

/// <summary>Creates the demo organisation: teams, accounts, customers and conversations analysed by Shield.</summary>
internal sealed partial class DemoSeeder(
    KalmDbContext db,
    UserManager<AgentUser> users,
    IMessageAnalyzer analyzer,
    TimeProvider time,
    IOptions<DemoOptions> options,
    IOptions<Wellbeing.WellbeingOptions> wellbeing,
    DemoState state,
    ILogger<DemoSeeder> logger)
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var demo = options.Value;
        var now = time.GetUtcNow();
        if (!await db.Organisation.AnyAsync(cancellationToken).ConfigureAwait(false))
        {
            db.Organisation.Add(new OrganisationSettings { Name = demo.Enabled ? DemoData.OrganisationName : "Kalm", BusinessHours = DemoData.OfficeHours });
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        if (!await db.ReplyTemplates.AnyAsync(cancellationToken).ConfigureAwait(false))
        {
            db.ReplyTemplates.AddRange(Templates.DefaultTemplates.Create(now));
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        if (!demo.Enabled)
        {
            return;
        }

        // A bootstrap admin may already exist on a first start; teams and conversations tell a used desk apart.
        var empty = !await db.Teams.AnyAsync(cancellationToken).ConfigureAwait(false)
            && !await db.Conversations.AnyAsync(cancellationToken).ConfigureAwait(false);
        if (!empty)
        {
            await ShowExistingAccountsAsync(demo.Password, cancellationToken).ConfigureAwait(false);
            return;
        }

        var password = string.IsNullOrWhiteSpace(demo.Password) ? Agents.AgentAdministration.GeneratePassword() : demo.Password;
        var teams = DemoData.Teams.ToDictionary(
            t => t.Name,
            t => new Team { Name = t.Name, Description = t.Description, SortOrder = t.SortOrder, Channels = [.. t.Channels], RequiredSkills = [.. t.RequiredSkills], BusinessHours = DemoData.OfficeHours });
        db.Teams.AddRange(teams.Values);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);

        var agents = new Dictionary<string, AgentUser>(StringComparer.OrdinalIgnoreCase);
        foreach (var account in DemoData.Agents)
        {
            var agent = new AgentUser
            {
                UserName = account.Email,
                Email = account.Email,
                EmailConfirmed = true,
                DisplayName = account.DisplayName,
                PublicAlias = account.PublicAlias,
                Skills = [.. account.Skills],
                Languages = [.. account.Languages],
                Capacity = [new(Channel.Email, 8), new(Channel.Chat, 3), new(Channel.WhatsApp, 4), new(Channel.Phone, 1), new(Channel.Api, 8)],
                Presence = account.Presence,
                PresenceChangedAt = now.AddMinutes(-30),
                CreatedAt = now.AddDays(-60),
            };
            foreach (var team in account.Teams)
            {
                agent.Teams.Add(teams[team]);
            }

            agent.PresenceHistory.Add(new PresenceChange { AgentId = agent.Id, From = Presence.Offline, To = account.Presence, At = agent.PresenceChangedAt });
            DatabaseSetup.EnsureSucceeded(await users.CreateAsync(agent, password).ConfigureAwait(false), $"create demo account {account.Email}");
            DatabaseSetup.EnsureSucceeded(await users.AddToRoleAsync(agent, account.Role).ConfigureAwait(false), $"give {account.Email} the role {account.Role}");
            agents[account.Email] = agent;
        }

        var customers = SeedCustomers(now);
        var conversations = DemoData.Conversations;
        for (var index = 0; index < conversations.Count; index++)
        {
            SeedConversation(index, conversations[index], customers, teams, agents, now);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        LogSeeded(logger, teams.Count, agents.Count, customers.Count, conversations.Count);

        state.Seeded = true;
        state.Password = password;
        state.Accounts = DemoData.Agents;
    }

    private async Task ShowExistingAccountsAsync(string? configuredPassword, CancellationToken cancellationToken)
    {
        var emails = DemoData.Agents.Select(a => a.Email.ToUpperInvariant()).ToList();
        var existing = await users.Users.Where(u => emails.Contains(u.NormalizedEmail!)).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (existing.Count == 0)
        {
            return;
        }

        if (!string.IsNullOrWhiteSpace(configuredPassword))
        {
            // A configured password is the documented way to reset the demo accounts.
            foreach (var agent in existing)
            {
                if (!await users.CheckPasswordAsync(agent, configuredPassword).ConfigureAwait(false))
                {
                    var token = await users.GeneratePasswordResetTokenAsync(agent).ConfigureAwait(false);
                    DatabaseSetup.EnsureSucceeded(await users.ResetPasswordAsync(agent, token, configuredPassword).ConfigureAwait(false), $"reset the password of {agent.Email}");
                }
            }

            state.Password = configuredPassword;
        }

        var present = existing.Select(u => u.NormalizedEmail).ToHashSet();
        state.Accounts = [.. DemoData.Agents.Where(a => present.Contains(a.Email.ToUpperInvariant()))];
    }

    private Dictionary<string, Customer> SeedCustomers(DateTimeOffset now)
    {
        var customers = new Dictionary<string, Customer>(StringComparer.Ordinal);
        foreach (var demo in DemoData.Customers)
        {
            var customer = new Customer { Name = demo.Name, Notes = demo.Notes, CreatedAt = now.AddDays(-45), UpdatedAt = now.AddDays(-45) };
            if (demo.Email is not null)
            {
                AddIdentity(customer, IdentityKind.Email, demo.Email);
            }

            if (demo.Phone is not null)
            {
                AddIdentity(customer, IdentityKind.Phone, demo.Phone);
            }

            var channels = DemoData.Conversations.Where(c => c.Customer == demo.Key).Select(c => c.Channel).ToHashSet();
            if (channels.Contains(Channel.WhatsApp) && demo.Phone is not null)
            {
                AddIdentity(customer, IdentityKind.WhatsApp, demo.Phone);
            }

            if (channels.Contains(Channel.Chat))
            {
                AddIdentity(customer, IdentityKind.ChatVisitor, $"visitor-{demo.Key}");
            }

            db.Customers.Add(customer);
            customers[demo.Key] = customer;
        }

        return customers;

        void AddIdentity(Customer customer, IdentityKind kind, string value)
        {
            var normalised = kind switch
            {
                IdentityKind.Email when IdentityNormaliser.TryNormaliseEmail(value, out var email) => email,
                IdentityKind.Phone or IdentityKind.WhatsApp when IdentityNormaliser.TryNormalisePhone(value, out var phone) => phone,
                IdentityKind.ChatVisitor => value,
                _ => throw new InvalidOperationException($"Demo identity '{value}' of kind {kind} does not normalise."),
            };
            customer.Identities.Add(new CustomerIdentity { CustomerId = customer.Id, Kind = kind, Value = normalised, CreatedAt = customer.CreatedAt });
        }
    }

    private void SeedConversation(
        int index,
        DemoConversation demo,
        Dictionary<string, Customer> customers,
        Dictionary<string, Team> teams,
        Dictionary<string, AgentUser> agents,
        DateTimeOffset now)
    {
        var customer = customers[demo.Customer];
        var start = now - demo.StartedAgo;
        var conversation = new Conversation
        {
            Channel = demo.Channel,
            Subject = demo.Subject,
            Status = demo.Status,
            Priority = demo.Priority,
            CustomerId = customer.Id,
            TeamId = teams[demo.Team].Id,
            AssigneeId = demo.Assignee is null ? null : agents[demo.Assignee].Id,
            Tags = [.. demo.Tags ?? []],
            CreatedAt = start,
        };
        conversation.Record(start, ConversationEventKind.Created, null, customer.Name, new() { ["channel"] = demo.Channel.ToString(), ["via"] = "demo" });

        var last = start;
        var worstAt = start;
        for (var position = 0; position < demo.Messages.Length; position++)
        {
            var line = demo.Messages[position];
            var at = start + line.After;
            last = at;
            var author = line.Agent is null ? null : agents[line.Agent];
            var message = new Message
            {
                ConversationId = conversation.Id,
                Channel = demo.Channel,
                Direction = line.Direction,
                AuthorAgentId = author?.Id,
                AuthorName = author?.PublicAlias ?? customer.Name,
                Text = line.Text,
                SentAt = at,
                CreatedAt = at,
            };
            switch (line.Direction)
            {
                case MessageDirection.Inbound:
                    message.ChannelMessageId = $"demo-{index + 1:D2}-{position + 1:D2}";
                    message.ApplyAnalysis(analyzer.Analyze(line.Text, "nl"));
                    if (message.Severity > conversation.HighestSeverity)
                    {
                        conversation.HighestSeverity = message.Severity;
                        worstAt = at;
                    }

                    conversation.Record(at, ConversationEventKind.MessageReceived, null, customer.Name, new() { ["messageId"] = message.Id.ToString(), ["severity"] = message.Severity.ToName() });
                    break;
                case MessageDirection.Outbound:
                    conversation.FirstResponseAt ??= at;
                    conversation.Record(at, ConversationEventKind.ReplySent, author?.Id, author?.DisplayName, new() { ["messageId"] = message.Id.ToString() });
                    break;
                case MessageDirection.Note:
                    conversation.Record(at, ConversationEventKind.NoteAdded, author?.Id, author?.DisplayName, new() { ["messageId"] = message.Id.ToString() });
                    break;
                case MessageDirection.System:
                    break;
            }

            conversation.Messages.Add(message);
        }

        if (demo.Assignee is not null)
        {
            var assignee = agents[demo.Assignee];
            var assignedAt = start + TimeSpan.FromMinutes(1);
            conversation.Record(assignedAt, ConversationEventKind.Assigned, null, "Kalm", new() { ["to"] = assignee.Id, ["toName"] = assignee.DisplayName });

            // What the assignee read weighs on them, so the demo's buckets are not all empty.
            if (wellbeing.Value.WeightOf(conversation.HighestSeverity) is var weight and > 0)
            {
                db.ExposureHits.Add(new Wellbeing.ExposureHit
                {
                    AgentId = assignee.Id,
                    ConversationId = conversation.Id,
                    Severity = conversation.HighestSeverity,
                    Weight = weight,
                    At = worstAt > assignedAt ? worstAt : assignedAt,
                });
            }
        }

        if (demo.Status != ConversationStatus.New)
        {
            var changedAt = demo.Status is ConversationStatus.Resolved or ConversationStatus.Closed ? last + TimeSpan.FromMinutes(5) : last;
            conversation.Record(changedAt, ConversationEventKind.StatusChanged, demo.Assignee is null ? null : agents[demo.Assignee].Id, demo.Assignee is null ? "Kalm" : agents[demo.Assignee].DisplayName, new() { ["from"] = nameof(ConversationStatus.New), ["to"] = demo.Status.ToString() });
            conversation.ResolvedAt = demo.Status is ConversationStatus.Resolved or ConversationStatus.Closed ? changedAt : null;
            conversation.ClosedAt = demo.Status == ConversationStatus.Closed ? changedAt : null;
        }

        conversation.LastMessageAt = last;
        conversation.UpdatedAt = last;
        conversation.HandleTime = TimeSpan.FromMinutes(3 * demo.Messages.Count(m => m.Direction == MessageDirection.Outbound));
        db.Conversations.Add(conversation);
    }

    /// <summary>Meets Identity's rules (upper, lower, digit, symbol) and is easy to type from a terminal.</summary>
    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded the demo organisation: {Teams} teams, {Agents} accounts, {Customers} customers, {Conversations} conversations")]
    private static partial void LogSeeded(ILogger logger, int teams, int agents, int customers, int conversations);
}

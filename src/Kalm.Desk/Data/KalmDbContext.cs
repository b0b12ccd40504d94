using Kalm.Desk.Domain;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Kalm.Desk.Data;

/// <summary>
/// The desk's database. Inject this type; a provider-specific subclass
/// (<see cref="SqliteKalmDbContext"/> or <see cref="PostgresKalmDbContext"/>) carries the migrations.
/// </summary>
public abstract class KalmDbContext(DbContextOptions options) : IdentityDbContext<AgentUser>(options)
{
    public DbSet<OrganisationSettings> Organisation => Set<OrganisationSettings>();

    public DbSet<Team> Teams => Set<Team>();

    public DbSet<PresenceChange> PresenceChanges => Set<PresenceChange>();

    public DbSet<Customer> Customers => Set<Customer>();

    public DbSet<CustomerIdentity> CustomerIdentities => Set<CustomerIdentity>();

    public DbSet<Conversation> Conversations => Set<Conversation>();

    public DbSet<Message> Messages => Set<Message>();

    public DbSet<MessageAttachment> MessageAttachments => Set<MessageAttachment>();

    public DbSet<ConversationEvent> ConversationEvents => Set<ConversationEvent>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<ReplyTemplate> ReplyTemplates => Set<ReplyTemplate>();

    public DbSet<Protection.Incident> Incidents => Set<Protection.Incident>();

    public DbSet<Protection.ConductChange> ConductChanges => Set<Protection.ConductChange>();

    public DbSet<Wellbeing.ExposureHit> ExposureHits => Set<Wellbeing.ExposureHit>();
    public DbSet<Protection.OrganisationEvent> OrganisationEvents => Set<Protection.OrganisationEvent>();

    public DbSet<DataProtectionKeyRecord> DataProtectionKeys => Set<DataProtectionKeyRecord>();

    public DbSet<Channels.Chat.SurveyResponse> SurveyResponses => Set<Channels.Chat.SurveyResponse>();
    public DbSet<Channels.Email.Mailbox> Mailboxes => Set<Channels.Email.Mailbox>();

    public DbSet<Channels.Email.EmailRecord> EmailRecords => Set<Channels.Email.EmailRecord>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        base.ConfigureConventions(configurationBuilder);

        // Enums are stored by name so the data reads well and survives reordering of members.
        configurationBuilder.Properties<Channel>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ConversationStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ConversationPriority>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<MessageDirection>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<Presence>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<IdentityKind>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ConversationEventKind>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<TemplateKind>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<Protection.IncidentStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<Protection.ConductLevel>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<Protection.ConductChangeKind>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<Channels.Email.MailSecurity>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<Channels.Email.AutomaticMail>().HaveConversion<string>().HaveMaxLength(16);
        // Shield severity is an ordered scale (none < tone < rude < abusive < threat) that lists filter
        // with "at least", so it stays numeric to compare in SQL.
        configurationBuilder.Properties<Kalm.Shield.Severity>().HaveConversion<int>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);

        // Entities create their own version-7 Guid ids. Marking the keys as never generated makes
        // EF treat an entity with an id that it finds in a tracked navigation (conversation.Events.Add)
        // as new; with generated keys it would assume the row exists and issue an UPDATE.
        foreach (var entity in builder.Model.GetEntityTypes())
        {
            if (entity.FindPrimaryKey()?.Properties is [{ ClrType: var type, Name: "Id" } key] && type == typeof(Guid))
            {
                key.ValueGenerated = Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never;
            }
        }

        builder.Entity<OrganisationSettings>(b =>
        {
            b.ToTable("Organisation");
            b.Property(o => o.Id).ValueGeneratedNever();
            b.Property(o => o.Name).HasMaxLength(200);
            b.Property(o => o.TimeZone).HasMaxLength(64);
            b.Property(o => o.Language).HasMaxLength(16);
            b.Property(o => o.BusinessHours).HasJsonConversion();
        });

        builder.Entity<AgentUser>(b =>
        {
            b.Property(a => a.DisplayName).HasMaxLength(200);
            b.Property(a => a.PublicAlias).HasMaxLength(100);
            b.Property(a => a.Capacity).HasJsonConversion();
            b.Property(a => a.UiLanguage).HasMaxLength(16);
            b.Property(a => a.PrivateSurname).HasMaxLength(200);
            b.Property(a => a.PrivatePhone).HasMaxLength(32);
            b.Property(a => a.HomeTown).HasMaxLength(200);
            b.HasMany(a => a.Teams).WithMany(t => t.Members).UsingEntity("TeamMembers");
            b.HasMany(a => a.PresenceHistory).WithOne(p => p.Agent).HasForeignKey(p => p.AgentId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Protection.Incident>(b =>
        {
            b.Property(i => i.AgentId).HasMaxLength(450);
            b.Property(i => i.RegisteredById).HasMaxLength(450);
            b.HasOne(i => i.Customer).WithMany().HasForeignKey(i => i.CustomerId).OnDelete(DeleteBehavior.SetNull);
            b.HasOne<Conversation>().WithMany().HasForeignKey(i => i.ConversationId).OnDelete(DeleteBehavior.SetNull);
            b.HasIndex(i => i.OccurredAt);
            b.HasIndex(i => new { i.CustomerId, i.OccurredAt });
            b.HasIndex(i => i.MessageId);
        });

        builder.Entity<Protection.ConductChange>(b =>
        {
            b.Property(c => c.ById).HasMaxLength(450);
            b.Property(c => c.ByName).HasMaxLength(200);
            b.HasOne(c => c.Customer).WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Cascade);
            b.HasIndex(c => new { c.CustomerId, c.At });
        });

        builder.Entity<Protection.OrganisationEvent>(b =>
        {
            b.Property(e => e.Title).HasMaxLength(200);
            b.Property(e => e.Description).HasMaxLength(2000);
            b.Property(e => e.CreatedById).HasMaxLength(450);
            b.Property(e => e.CreatedByName).HasMaxLength(200);
            b.HasOne<Team>().WithMany().HasForeignKey(e => e.TeamId).OnDelete(DeleteBehavior.SetNull);
            b.HasIndex(e => e.Date);
        });

        builder.Entity<ReplyTemplate>(b =>
        {
            b.Property(t => t.Name).HasMaxLength(200);
            b.Property(t => t.Language).HasMaxLength(16);
            b.HasIndex(t => t.Name).IsUnique();
        });

        builder.Entity<PresenceChange>(b => b.HasIndex(p => new { p.AgentId, p.At }));

        builder.Entity<Wellbeing.ExposureHit>(b =>
        {
            b.Property(h => h.AgentId).HasMaxLength(450);
            b.HasOne<AgentUser>().WithMany().HasForeignKey(h => h.AgentId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne<Conversation>().WithMany().HasForeignKey(h => h.ConversationId).OnDelete(DeleteBehavior.Cascade);
            b.HasIndex(h => new { h.AgentId, h.At });
            b.HasIndex(h => new { h.AgentId, h.ConversationId });
            b.HasIndex(h => h.At);
        });

        builder.Entity<Team>(b =>
        {
            b.Property(t => t.Name).HasMaxLength(200);
            b.HasIndex(t => t.Name).IsUnique();
            b.PrimitiveCollection(t => t.Channels).ElementType().HasConversion<string>();
            b.Property(t => t.BusinessHours).HasJsonConversion();
        });

        builder.Entity<Customer>(b =>
        {
            b.Property(c => c.Name).HasMaxLength(200);
            b.HasOne<Customer>().WithMany().HasForeignKey(c => c.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
            b.HasMany(c => c.Identities).WithOne(i => i.Customer).HasForeignKey(i => i.CustomerId).OnDelete(DeleteBehavior.Cascade);
            b.HasIndex(c => c.Name);
        });

        builder.Entity<CustomerIdentity>(b =>
        {
            b.Property(i => i.Value).HasMaxLength(320);
            b.HasIndex(i => new { i.Kind, i.Value }).IsUnique();
        });

        builder.Entity<Conversation>(b =>
        {
            b.Property(c => c.Subject).HasMaxLength(500);
            b.Property(c => c.ExternalReference).HasMaxLength(200);
            b.HasOne(c => c.Customer).WithMany(c => c.Conversations).HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne(c => c.Team).WithMany().HasForeignKey(c => c.TeamId).OnDelete(DeleteBehavior.SetNull);
            b.HasOne(c => c.Assignee).WithMany().HasForeignKey(c => c.AssigneeId).OnDelete(DeleteBehavior.SetNull);
            b.HasMany(c => c.Messages).WithOne(m => m.Conversation).HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
            b.HasMany(c => c.Events).WithOne(e => e.Conversation).HasForeignKey(e => e.ConversationId).OnDelete(DeleteBehavior.Cascade);
            b.Ignore(c => c.IsOpen);
            b.HasIndex(c => new { c.CustomerId, c.Channel, c.Status });
            b.HasIndex(c => new { c.Status, c.LastMessageAt });
            b.HasIndex(c => c.TeamId);
            b.HasIndex(c => c.AssigneeId);
            b.HasIndex(c => c.HighestSeverity);
            b.HasIndex(c => c.LastMessageAt);
        });

        builder.Entity<Message>(b =>
        {
            b.Property(m => m.ChannelMessageId).HasMaxLength(500);
            b.Property(m => m.AuthorName).HasMaxLength(200);
            b.Property(m => m.Attachments).HasJsonConversion();
            b.Property(m => m.Spans).HasJsonConversion();
            b.HasOne(m => m.AuthorAgent).WithMany().HasForeignKey(m => m.AuthorAgentId).OnDelete(DeleteBehavior.SetNull);
            // The dedupe key: a channel delivers the same message at most once. NULLs (agent replies
            // before the channel confirms) are distinct on both SQLite and PostgreSQL.
            b.HasIndex(m => new { m.Channel, m.ChannelMessageId }).IsUnique();
            b.HasIndex(m => new { m.ConversationId, m.SentAt });
        });

        builder.Entity<MessageAttachment>(b =>
        {
            b.Property(a => a.FileName).HasMaxLength(MessageAttachment.MaxFileNameLength);
            b.Property(a => a.ContentType).HasMaxLength(MessageAttachment.MaxContentTypeLength);
            b.Property(a => a.Sha256).HasMaxLength(64);
            b.HasOne<Message>().WithMany().HasForeignKey(a => a.MessageId).OnDelete(DeleteBehavior.Cascade);
            b.HasIndex(a => a.MessageId);
        });

        builder.Entity<ConversationEvent>(b =>
        {
            b.Property(e => e.ActorName).HasMaxLength(200);
            b.Property(e => e.Data).HasJsonConversion();
            b.HasIndex(e => new { e.ConversationId, e.At });
        });

        builder.Entity<Channels.Chat.SurveyResponse>(b =>
        {
            b.Property(r => r.AgentId).HasMaxLength(450);
            b.Property(r => r.ReviewedById).HasMaxLength(450);
            b.Property(r => r.Answers).HasJsonConversion();
            b.Property(r => r.Comment).HasMaxLength(2000);
            b.Property(r => r.MaskedComment).HasMaxLength(2000);
            b.HasOne<Conversation>().WithMany().HasForeignKey(r => r.ConversationId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne<AgentUser>().WithMany().HasForeignKey(r => r.AgentId).OnDelete(DeleteBehavior.SetNull);
            b.HasOne<Team>().WithMany().HasForeignKey(r => r.TeamId).OnDelete(DeleteBehavior.SetNull);
            b.HasIndex(r => r.ConversationId).IsUnique();
            b.HasIndex(r => r.At);
        });

        builder.Entity<Channels.Email.Mailbox>(b =>
        {
            b.Property(m => m.Name).HasMaxLength(200);
            b.Property(m => m.ImapHost).HasMaxLength(255);
            b.Property(m => m.ImapUser).HasMaxLength(320);
            b.Property(m => m.Folder).HasMaxLength(200);
            b.Property(m => m.SmtpHost).HasMaxLength(255);
            b.Property(m => m.SmtpUser).HasMaxLength(320);
            b.Property(m => m.FromAddress).HasMaxLength(320);
            b.Property(m => m.Signature).HasMaxLength(2000);
            b.Property(m => m.LastError).HasMaxLength(1000);
            b.HasOne<Team>().WithMany().HasForeignKey(m => m.TeamId).OnDelete(DeleteBehavior.SetNull);
            b.HasIndex(m => m.Name).IsUnique();
        });

        builder.Entity<Channels.Email.EmailRecord>(b =>
        {
            b.Property(r => r.RfcMessageId).HasMaxLength(500);
            b.Property(r => r.References).HasMaxLength(4000);
            b.Property(r => r.ParseError).HasMaxLength(1000);
            b.Property(r => r.To).HasMaxLength(320);
            b.Property(r => r.Subject).HasMaxLength(500);
            b.Property(r => r.LastError).HasMaxLength(1000);
            b.HasOne<Message>().WithOne().HasForeignKey<Channels.Email.EmailRecord>(r => r.Id).OnDelete(DeleteBehavior.Cascade);
            b.HasOne<Channels.Email.Mailbox>().WithMany().HasForeignKey(r => r.MailboxId).OnDelete(DeleteBehavior.Cascade);
            // Threading looks a reply's references up here; the outbox looks for what is due.
            b.HasIndex(r => r.RfcMessageId);
            b.HasIndex(r => new { r.Outbound, r.SentAt, r.NextAttemptAt });
            b.HasIndex(r => r.ConversationId);
            b.Property(r => r.ThreadRef).HasMaxLength(16);
            b.HasIndex(r => r.ThreadRef);
        });

        builder.Entity<DataProtectionKeyRecord>(b => b.Property(k => k.FriendlyName).HasMaxLength(200));

        builder.Entity<ApiKey>(b =>
        {
            b.Property(k => k.Name).HasMaxLength(200);
            b.Property(k => k.Prefix).HasMaxLength(32);
            b.Property(k => k.Hash).HasMaxLength(64);
            b.HasIndex(k => k.Hash).IsUnique();
            b.Ignore(k => k.IsRevoked);
        });
    }
}

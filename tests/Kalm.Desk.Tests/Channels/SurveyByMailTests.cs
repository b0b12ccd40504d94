using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kalm.Desk.Channels.Email;
using Kalm.Desk.Domain;
using Kalm.Desk.Tests.Infrastructure;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Kalm.Desk.Tests.Channels;

/// <summary>The desk on SQLite with a public address, so resolved mail conversations get a survey link.</summary>
public sealed class SqliteSurveyMailDesk : SqliteDesk
{
    /// <inheritdoc />
    protected override string? PublicUrl => SurveyByMailTests<SqliteSurveyMailDesk>.PublicUrl;
}

/// <summary>The desk on PostgreSQL with a public address.</summary>
public sealed class PostgresSurveyMailDesk : PostgresDesk
{
    /// <inheritdoc />
    protected override string? PublicUrl => SurveyByMailTests<PostgresSurveyMailDesk>.PublicUrl;
}

public sealed class SurveyByMailTests_Sqlite(SqliteSurveyMailDesk desk) : SurveyByMailTests<SqliteSurveyMailDesk>(desk);

public sealed class SurveyByMailTests_Postgres(PostgresSurveyMailDesk desk) : SurveyByMailTests<PostgresSurveyMailDesk>(desk);

/// <summary>
/// The after-contact survey by mail, against the real mail servers: the invitation arrives once in
/// the customer's mailbox, its link works once and only while valid, and the answers land in the
/// same results as the chat survey.
/// </summary>
public abstract class SurveyByMailTests<TDesk>(TDesk desk) : IClassFixture<TDesk>
    where TDesk : DeskFactory
{
    /// <summary>The public address the survey links start with.</summary>
    public const string PublicUrl = "http://kalm.test/";

    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(30);

    private readonly MailServer _mail = MailServer.Instance;

    [Fact]
    public async Task A_resolved_mail_conversation_gets_one_survey_mail_whose_link_records_the_answers_per_channel()
    {
        var (conversationId, customer) = await MailConversationAsync("Retour", "Hoe stuur ik mijn bestelling terug?");
        await ResolveAsync(conversationId);
        await SendOutboxAsync();

        var mail = await WaitForMailAsync(customer, 1);
        Assert.Equal("auto-generated", mail.Headers[HeaderId.AutoSubmitted]);
        Assert.Contains("[#", mail.Subject, StringComparison.Ordinal);
        var token = Regex.Match(mail.TextBody ?? string.Empty, Regex.Escape(PublicUrl) + @"survey/([A-Za-z0-9_\-]+)").Groups[1].Value;
        Assert.NotEmpty(token);

        // Once per conversation, however often the outbox runs.
        await SendOutboxAsync();
        Assert.Equal(1, await desk.WithDatabaseAsync(db => db.EmailRecords.CountAsync(r => r.ConversationId == conversationId && r.Automatic == AutomaticMail.Survey)));

        using var client = desk.CreateClient();
        var dutch = await client.GetStringAsync($"/survey/{token}");
        Assert.Contains("lang=\"nl\"", dutch, StringComparison.Ordinal);
        Assert.Contains("Hoe vriendelijk was de medewerker?", dutch, StringComparison.Ordinal);
        Assert.Contains("How friendly was the agent?", await client.GetStringAsync($"/survey/{token}?lang=en"), StringComparison.Ordinal);
        var questions = await client.GetFromJsonAsync<JsonElement>($"/api/v1/surveys/mail/{token}");
        Assert.Equal(5, questions.GetArrayLength());

        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync($"/api/v1/surveys/mail/{token}", new { answers = new { solved = 5 } }), HttpStatusCode.BadRequest);
        var answered = await client.PostAsJsonAsync($"/api/v1/surveys/mail/{token}", new { answers = new { solved = 4, friendliness = 5, knowledge = 4, waiting = 3, overall = 4 }, comment = "Duidelijk uitgelegd." });
        Assert.Equal(HttpStatusCode.NoContent, answered.StatusCode);
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync($"/api/v1/surveys/mail/{token}", new { answers = new { solved = 1, friendliness = 1, knowledge = 1, waiting = 1, overall = 1 } }), HttpStatusCode.Conflict);
        var again = await client.GetAsync($"/survey/{token}");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("al ingevuld", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var stored = await desk.WithDatabaseAsync(db => db.SurveyResponses.SingleAsync(r => r.ConversationId == conversationId));
        Assert.Equal(Channel.Email, stored.Channel);
        Assert.True(stored.Counted);
        using var supervisor = await desk.CreateSignedInClientAsync();
        var email = (await supervisor.GetFromJsonAsync<JsonElement>("/api/v1/surveys/results?by=channel")).EnumerateArray().Single(g => g.GetProperty("key").GetString() == "email");
        Assert.True(email.GetProperty("responses").GetInt32() >= 1);
        Assert.Equal(5.0, email.GetProperty("averages").GetProperty("friendliness").GetDouble());
    }

    [Fact]
    public async Task Forged_expired_and_reused_links_are_refused_with_a_clear_message()
    {
        var (conversationId, _) = await MailConversationAsync("Factuur", "Mijn factuur klopt niet.");
        var links = desk.Services.GetRequiredService<SurveyLinks>();
        var now = desk.Clock.GetUtcNow();
        var valid = links.Protect(conversationId, now.AddDays(1));
        var expired = links.Protect(conversationId, now.AddMinutes(-1));
        var forged = valid[..^4] + (valid[^4] == 'A' ? "BBBB" : "AAAA");
        using var client = desk.CreateClient();

        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync($"/api/v1/surveys/mail/{forged}", Answers(5)), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/v1/surveys/mail/not-a-token"), HttpStatusCode.NotFound);
        var forgedPage = await client.GetAsync($"/survey/{forged}");
        Assert.Equal(HttpStatusCode.NotFound, forgedPage.StatusCode);
        Assert.Contains("Deze link is niet geldig", await forgedPage.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync($"/api/v1/surveys/mail/{expired}", Answers(5)), HttpStatusCode.Gone);
        var expiredPage = await client.GetAsync($"/survey/{expired}?lang=en");
        Assert.Equal(HttpStatusCode.Gone, expiredPage.StatusCode);
        Assert.Contains("This link has expired", await expiredPage.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A link is for its own conversation only: the valid one answers this one, the refused ones stored nothing.
        Assert.False(await desk.WithDatabaseAsync(db => db.SurveyResponses.AnyAsync(r => r.ConversationId == conversationId)));
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["solved"] = "5", ["friendliness"] = "5", ["knowledge"] = "5", ["waiting"] = "5", ["overall"] = "5", ["comment"] = string.Empty });
        var thanks = await client.PostAsync($"/survey/{valid}", form);
        Assert.Equal(HttpStatusCode.OK, thanks.StatusCode);
        Assert.Contains("Hartelijk dank", await thanks.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync($"/api/v1/surveys/mail/{valid}", Answers(1)), HttpStatusCode.Conflict);
        Assert.Equal(1, await desk.WithDatabaseAsync(db => db.SurveyResponses.CountAsync(r => r.ConversationId == conversationId)));
    }

    [Fact]
    public async Task Comments_by_mail_pass_through_shield_abuse_is_held_and_a_compliment_goes_to_kudos()
    {
        var agent = await desk.CreateUserAsync(Roles.Agent);
        var (praised, _) = await MailConversationAsync("Verhuizing", "Ik verhuis volgende maand.");
        var (insulted, _) = await MailConversationAsync("Storing", "Mijn internet doet het niet.");
        using var admin = await desk.CreateSignedInClientAsync();
        foreach (var id in (Guid[])[praised, insulted])
        {
            (await admin.PostAsJsonAsync($"/api/v1/conversations/{id}/assign", new { agentId = agent.Id })).EnsureSuccessStatusCode();
        }

        var links = desk.Services.GetRequiredService<SurveyLinks>();
        var until = desk.Clock.GetUtcNow().AddDays(1);
        using var client = desk.CreateClient();
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync($"/api/v1/surveys/mail/{links.Protect(praised, until)}",
            new { answers = new { solved = 5, friendliness = 5, knowledge = 5, waiting = 5, overall = 5 }, comment = "Heel erg bedankt, wat een fijne hulp!" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync($"/api/v1/surveys/mail/{links.Protect(insulted, until)}",
            new { answers = new { solved = 1, friendliness = 1, knowledge = 1, waiting = 1, overall = 1 }, comment = "Kankerlijers allemaal." })).StatusCode);

        using var agentClient = await desk.CreateSignedInClientAsync(agent.Email!);
        var kudo = Assert.Single((await agentClient.GetFromJsonAsync<JsonElement>("/api/v1/kudos/me")).EnumerateArray());
        Assert.Equal(praised, kudo.GetProperty("conversationId").GetGuid());

        var held = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/surveys/responses")).EnumerateArray().Single(r => r.GetProperty("conversationId").GetGuid() == insulted);
        Assert.True(held.GetProperty("needsReview").GetBoolean());
        Assert.Equal("email", held.GetProperty("channel").GetString());
        Assert.DoesNotContain("Kankerlijers", held.GetProperty("comment").GetString(), StringComparison.OrdinalIgnoreCase);
        var group = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/surveys/results?by=agent")).EnumerateArray().Single(g => g.GetProperty("key").GetString() == agent.Id);
        Assert.Equal(1, group.GetProperty("responses").GetInt32());
        Assert.Equal(1, group.GetProperty("heldForReview").GetInt32());
        Assert.Equal(5.0, group.GetProperty("average").GetDouble());
    }

    [Fact]
    public async Task Customers_who_were_abusive_are_not_surveyed()
    {
        var (conversationId, _) = await MailConversationAsync("Pakket", "Jullie zijn idioten, waar blijft mijn pakket 4821?");
        Assert.True(await desk.WithDatabaseAsync(db => db.Conversations.Where(c => c.Id == conversationId).Select(c => c.HighestSeverity).SingleAsync()) >= Kalm.Shield.Severity.Abusive);
        await ResolveAsync(conversationId);
        await SendOutboxAsync();

        Assert.False(await desk.WithDatabaseAsync(db => db.EmailRecords.AnyAsync(r => r.ConversationId == conversationId && r.Automatic == AutomaticMail.Survey)));
    }

    [Fact]
    public async Task Blocked_customers_are_not_surveyed()
    {
        var (conversationId, _) = await MailConversationAsync("Levering", "Wanneer wordt mijn bestelling geleverd?");
        var customerId = await desk.WithDatabaseAsync(db => db.Conversations.Where(c => c.Id == conversationId).Select(c => c.CustomerId).SingleAsync());
        using var supervisor = await desk.CreateSignedInClientAsync();
        (await supervisor.PostAsJsonAsync($"/api/v1/customers/{customerId}/conduct/changes", new { kind = "blocked", reason = "Bedreigingen aan de telefoon.", days = 7 })).EnsureSuccessStatusCode();
        await ResolveAsync(conversationId);
        await SendOutboxAsync();

        Assert.False(await desk.WithDatabaseAsync(db => db.EmailRecords.AnyAsync(r => r.ConversationId == conversationId && r.Automatic == AutomaticMail.Survey)));
    }

    private static object Answers(int score) => new { answers = new { solved = score, friendliness = score, knowledge = score, waiting = score, overall = score } };

    /// <summary>A customer mails a new mailbox and Kalm fetches it: the conversation and the customer's address.</summary>
    private async Task<(Guid ConversationId, string Customer)> MailConversationAsync(string subject, string text)
    {
        var support = MailServer.CreateAccount("support", "kalm.test");
        var customer = MailServer.CreateAccount("klant");
        using var admin = await desk.CreateSignedInClientAsync();
        var created = await admin.PostAsJsonAsync("/api/v1/mailboxes", new
        {
            name = "Support " + support,
            imapHost = MailServer.Host,
            imapPort = _mail.ImapPort,
            imapSecurity = "none",
            imapUser = MailServer.UserOf(support),
            imapPassword = MailServer.Password,
            smtpHost = MailServer.Host,
            smtpPort = _mail.SmtpPort,
            smtpSecurity = "none",
            fromAddress = support,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var mailboxId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var mail = new MimeMessage { Subject = subject };
        mail.From.Add(MailboxAddress.Parse(customer));
        mail.To.Add(MailboxAddress.Parse(support));
        mail.Body = new TextPart("plain") { Text = text };
        using (var smtp = new SmtpClient())
        {
            await smtp.ConnectAsync(MailServer.Host, _mail.SmtpPort, SecureSocketOptions.None);
            await smtp.SendAsync(mail);
            await smtp.DisconnectAsync(true);
        }

        await WaitForMailAsync(support, 1);
        (await admin.PostAsync($"/api/v1/mailboxes/{mailboxId}/poll", null)).EnsureSuccessStatusCode();
        var conversationId = await desk.WithDatabaseAsync(db => db.EmailRecords.Where(r => r.MailboxId == mailboxId && !r.Outbound).Select(r => r.ConversationId).SingleAsync());
        return (conversationId, customer);
    }

    private async Task ResolveAsync(Guid conversationId)
    {
        using var admin = await desk.CreateSignedInClientAsync();
        (await admin.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/status", new { status = "resolved" })).EnsureSuccessStatusCode();
    }

    private async Task SendOutboxAsync()
    {
        await using var scope = desk.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<MailOutbox>().SendDueAsync(CancellationToken.None);
    }

    /// <summary>Waits until Postfix delivered <paramref name="count"/> mails to the account; returns the last.</summary>
    private async Task<MimeMessage> WaitForMailAsync(string address, int count)
    {
        var deadline = DateTime.UtcNow + DeliveryTimeout;
        while (true)
        {
            using (var imap = new ImapClient())
            {
                await imap.ConnectAsync(MailServer.Host, _mail.ImapPort, SecureSocketOptions.None);
                await imap.AuthenticateAsync(MailServer.UserOf(address), MailServer.Password);
                await imap.Inbox.OpenAsync(FolderAccess.ReadOnly);
                if (imap.Inbox.Count >= count)
                {
                    return await imap.Inbox.GetMessageAsync(count - 1);
                }
            }

            Assert.True(DateTime.UtcNow < deadline, $"{address} did not receive {count} mails within {DeliveryTimeout.TotalSeconds} s.");
            await Task.Delay(200);
        }
    }
}

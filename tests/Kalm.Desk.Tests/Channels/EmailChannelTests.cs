using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Kalm.Desk.Channels.Email;
using Kalm.Desk.Domain;
using Kalm.Desk.Tests.Infrastructure;
using Kalm.Shield;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Smtp;
using MailKit.Search;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Kalm.Desk.Tests.Channels;

public sealed class EmailChannelTests_Sqlite(SqliteDesk desk) : EmailChannelTests<SqliteDesk>(desk);

public sealed class EmailChannelTests_Postgres(PostgresDesk desk) : EmailChannelTests<PostgresDesk>(desk);

/// <summary>
/// The e-mail channel against real servers (<see cref="MailServer"/>): customers send through
/// Postfix, Kalm reads over IMAP from Dovecot and answers through Postfix, and the tests read the
/// customer's own mailbox. Postfix delivers in parallel, so a test that depends on the order
/// of mails waits for each delivery before sending the next.
/// </summary>
public abstract class EmailChannelTests<TDesk>(TDesk desk) : IClassFixture<TDesk>
    where TDesk : DeskFactory
{
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(30);

    private readonly MailServer _mail = MailServer.Instance;

    [Fact]
    public async Task Mail_round_trips_with_shield_threading_and_signature()
    {
        var (mailboxId, support) = await CreateMailboxAsync();
        var customer = MailServer.CreateAccount("klant");

        await SendAsync(customer, support, "Waar blijft mijn pakket?", "Jullie zijn idioten, waar blijft mijn pakket 4821?", messageId: $"first-{Guid.NewGuid():N}@customer.test");
        await WaitForMailAsync(support, 1);
        var poll = await PollAsync(mailboxId);
        Assert.Equal(1, poll.GetProperty("stored").GetInt32());

        var stored = await desk.WithDatabaseAsync(db => db.Messages.Include(m => m.Conversation).SingleAsync(m => m.ChannelMessageId!.StartsWith(mailboxId.ToString("N"))));
        Assert.Equal(Channel.Email, stored.Channel);
        Assert.Equal(Severity.Abusive, stored.Severity);
        Assert.Equal("Waar blijft mijn pakket?", stored.Conversation!.Subject);

        var agent = await desk.CreateUserAsync(Roles.Admin);
        using var client = await desk.CreateSignedInClientAsync(agent.Email!);
        var reply = await client.PostAsJsonAsync($"/api/v1/conversations/{stored.ConversationId}/reply", new { text = "Het pakket is vandaag onderweg." });
        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        var outbox = await SendOutboxAsync();
        Assert.Equal(new OutboxResult(1, 0), outbox);

        var answer = await WaitForMailAsync(customer, 1);
        var original = stored.ChannelMessageId!.Split('/', 2)[1];
        Assert.Equal(original, answer.InReplyTo);
        Assert.Contains(original, answer.References);
        Assert.Equal(agent.PublicAlias, answer.From.Mailboxes.Single().Name);
        Assert.Equal(support, answer.From.Mailboxes.Single().Address);
        Assert.Contains($"[#{MailConverter.ThreadRefOf(stored.ConversationId)}]", answer.Subject, StringComparison.Ordinal);
        Assert.Contains("Het pakket is vandaag onderweg.", answer.TextBody, StringComparison.Ordinal);
        Assert.Contains("Klantenservice Kalm", answer.TextBody, StringComparison.Ordinal);
        var sentRecord = await desk.WithDatabaseAsync(db => db.EmailRecords.SingleAsync(r => r.Outbound && r.ConversationId == stored.ConversationId));
        Assert.Equal(answer.MessageId, sentRecord.RfcMessageId);
        Assert.NotNull(sentRecord.SentAt);

        // The customer answers under another subject, quoting the agent: the headers thread it, and
        // the abusive word in the quote below is not what Shield reads.
        await SendAsync(customer, support, "Ander onderwerp", "Dank je wel, ik heb het ontvangen.\n\nOp 12 mei 2026 schreef Kalm:\n> idioten", inReplyTo: answer.MessageId);
        await WaitForMailAsync(support, 2);
        await PollAsync(mailboxId);
        var messages = await desk.WithDatabaseAsync(db => db.Messages.Where(m => m.ConversationId == stored.ConversationId && m.Direction == MessageDirection.Inbound).OrderBy(m => m.CreatedAt).ToListAsync());
        Assert.Equal(2, messages.Count);
        Assert.Equal(Severity.None, messages[1].Severity);
        Assert.Contains("> idioten", messages[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_subject_reference_threads_into_a_resolved_conversation()
    {
        var (mailboxId, support) = await CreateMailboxAsync();
        var customer = MailServer.CreateAccount("ref");
        await SendAsync(customer, support, "Factuur", "Mijn factuur klopt niet.");
        await WaitForMailAsync(support, 1);
        await PollAsync(mailboxId);
        var conversationId = await desk.WithDatabaseAsync(db => db.EmailRecords.Where(r => r.MailboxId == mailboxId).Select(r => r.ConversationId).SingleAsync());
        await desk.WithDatabaseAsync(db => db.Conversations.Where(c => c.Id == conversationId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, ConversationStatus.Resolved)));

        // Kalm wrote no mail yet, so only the reference in the subject can thread this one.
        await desk.WithDatabaseAsync(async db =>
        {
            var first = await db.Messages.SingleAsync(m => m.ConversationId == conversationId);
            db.EmailRecords.Add(new EmailRecord { Id = Guid.CreateVersion7(), MailboxId = mailboxId, ConversationId = conversationId, Outbound = true, RfcMessageId = "unused@kalm.test", ThreadRef = MailConverter.ThreadRefOf(conversationId), SentAt = desk.Clock.GetUtcNow(), CreatedAt = desk.Clock.GetUtcNow() });
            db.Messages.Add(new Message { Id = db.EmailRecords.Local.Single().Id, ConversationId = conversationId, Channel = Channel.Email, Direction = MessageDirection.Outbound, Text = "Antwoord", SentAt = first.SentAt, CreatedAt = first.CreatedAt });
            return await db.SaveChangesAsync();
        });
        await SendAsync(customer, support, $"Nog steeds fout [#{MailConverter.ThreadRefOf(conversationId)}]", "Het bedrag is nog steeds te hoog.");
        await WaitForMailAsync(support, 2);
        await PollAsync(mailboxId);

        var inbound = await desk.WithDatabaseAsync(db => db.EmailRecords.Where(r => r.MailboxId == mailboxId && !r.Outbound).Select(r => r.ConversationId).ToListAsync());
        Assert.Equal([conversationId, conversationId], inbound);
        Assert.Equal(ConversationStatus.Open, await desk.WithDatabaseAsync(db => db.Conversations.Where(c => c.Id == conversationId).Select(c => c.Status).SingleAsync()));
    }

    [Fact]
    public async Task A_crash_between_storing_and_flagging_neither_loses_nor_duplicates()
    {
        var (mailboxId, support) = await CreateMailboxAsync();
        var customer = MailServer.CreateAccount("crash");
        await SendAsync(customer, support, "Eén", "Eerste vraag.");
        await WaitForMailAsync(support, 1);
        await SendAsync(customer, support, "Twee", "Tweede vraag.");
        await WaitForMailAsync(support, 2);
        Assert.Equal(2, (await PollAsync(mailboxId)).GetProperty("stored").GetInt32());

        // As if Kalm died after committing but before flagging and checkpointing: the server shows
        // the mails unread and the checkpoint is back where it was. A third mail arrived meanwhile.
        await desk.WithDatabaseAsync(db => db.Mailboxes.Where(m => m.Id == mailboxId).ExecuteUpdateAsync(s => s.SetProperty(m => m.LastUid, 0L)));
        using (var imap = await OpenImapAsync(support))
        {
            var inbox = imap.Inbox;
            await inbox.OpenAsync(FolderAccess.ReadWrite);
            await inbox.RemoveFlagsAsync(await inbox.SearchAsync(SearchQuery.All), MessageFlags.Seen, true);
        }

        await SendAsync(customer, support, "Drie", "Derde vraag.");
        await WaitForMailAsync(support, 3);
        var again = await PollAsync(mailboxId);
        Assert.Equal(1, again.GetProperty("stored").GetInt32());
        Assert.Equal(2, again.GetProperty("alreadyStored").GetInt32());

        var texts = await desk.WithDatabaseAsync(db => db.Messages.Where(m => m.ChannelMessageId!.StartsWith(mailboxId.ToString("N"))).Select(m => m.Text).ToListAsync());
        Assert.Equal(["Derde vraag.", "Eerste vraag.", "Tweede vraag."], texts.Order());
        using var check = await OpenImapAsync(support);
        await check.Inbox.OpenAsync(FolderAccess.ReadOnly);
        Assert.Empty(await check.Inbox.SearchAsync(SearchQuery.NotSeen));
    }

    [Fact]
    public async Task Auto_replies_and_bounces_are_never_answered_and_bounces_join_their_conversation()
    {
        var (mailboxId, support) = await CreateMailboxAsync(autoAcknowledge: true);
        var customer = MailServer.CreateAccount("ack");
        await SendAsync(customer, support, "Vraag", "Wanneer zijn jullie open?");
        await WaitForMailAsync(support, 1);
        await PollAsync(mailboxId);
        Assert.Equal(new OutboxResult(1, 0), await SendOutboxAsync());
        var acknowledgement = await WaitForMailAsync(customer, 1);
        Assert.Equal("auto-replied", acknowledgement.Headers[HeaderId.AutoSubmitted]);
        Assert.Contains("Bedankt voor je bericht", acknowledgement.TextBody, StringComparison.Ordinal);
        var conversationId = await desk.WithDatabaseAsync(db => db.EmailRecords.Where(r => r.MailboxId == mailboxId && !r.Outbound).Select(r => r.ConversationId).SingleAsync());

        // The customer's out-of-office answers the acknowledgement; a robot at another address answers too.
        await SendAsync(customer, support, "Afwezig", "Ik ben afwezig tot maandag.", inReplyTo: acknowledgement.MessageId, headers: [("Auto-Submitted", "auto-replied")]);
        await WaitForMailAsync(support, 2);
        var robot = MailServer.CreateAccount("robot");
        await SendAsync(robot, support, "Automatisch antwoord", "Dit is een automatisch antwoord.", headers: [("X-Autoreply", "yes"), ("Precedence", "auto_reply")]);
        await WaitForMailAsync(support, 3);

        // A delivery report for Kalm's acknowledgement, without any threading headers of its own.
        var report = new MultipartReport("delivery-status");
        report.Add(new TextPart("plain") { Text = "Delivery to the following recipient failed permanently." });
        report.Add(new MimePart("message", "delivery-status") { Content = new MimeContent(new MemoryStream(Encoding.ASCII.GetBytes($"Reporting-MTA: dns; mail.customer.test\r\n\r\nFinal-Recipient: rfc822; {customer}\r\nAction: failed\r\nStatus: 5.1.1\r\n"))) });
        report.Add(new TextPart("rfc822-headers") { Text = $"Message-ID: <{acknowledgement.MessageId}>\r\nSubject: {acknowledgement.Subject}\r\n" });
        var daemon = MailServer.CreateAccount("mailer-daemon");
        await SendAsync(daemon, support, "Undelivered Mail Returned to Sender", body: report);
        await WaitForMailAsync(support, 4);
        var poll = await PollAsync(mailboxId);
        Assert.Equal(3, poll.GetProperty("stored").GetInt32());

        var records = await desk.WithDatabaseAsync(db => db.EmailRecords.Where(r => r.MailboxId == mailboxId && !r.Outbound).OrderBy(r => r.Uid).ToListAsync());
        Assert.Equal([AutomaticMail.None, AutomaticMail.AutoReply, AutomaticMail.AutoReply, AutomaticMail.Bounce], records.Select(r => r.Automatic));
        Assert.Equal(conversationId, records[1].ConversationId);
        Assert.Equal(conversationId, records[3].ConversationId);
        Assert.NotEqual(conversationId, records[2].ConversationId);

        // Only the one acknowledgement was ever queued: none for the robots, none for the bounce.
        Assert.Equal(1, await desk.WithDatabaseAsync(db => db.EmailRecords.CountAsync(r => r.MailboxId == mailboxId && r.Outbound)));
        Assert.Equal(new OutboxResult(0, 0), await SendOutboxAsync());
    }

    [Fact]
    public async Task Malformed_mail_is_stored_with_an_error_flag_and_the_poller_continues()
    {
        var (mailboxId, support) = await CreateMailboxAsync();
        var customer = MailServer.CreateAccount("corpus");
        await SendRawAsync(customer, support, $"From: <{customer}>\r\nTo: <{support}>\r\nSubject: charset\r\nMessage-ID: <charset-{Guid.NewGuid():N}@customer.test>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=x-kalm-unknown-42\r\nContent-Transfer-Encoding: 8bit\r\n\r\nGoedendag, mijn bestelling 77 is kapot.\r\n");
        await WaitForMailAsync(support, 1);
        await SendRawAsync(customer, support, $"From: <{customer}>\r\nTo: <{support}>\r\nSubject: broken\r\nMessage-ID: <broken-{Guid.NewGuid():N}@customer.test>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"nergens\"\r\n\r\nDeze tekst heeft geen enkele grens.\r\n");
        await WaitForMailAsync(support, 2);
        var huge = new BodyBuilder { TextBody = "Zie de bijlage." };
        huge.Attachments.Add("scan.pdf", [.. "%PDF-1.4\n"u8.ToArray(), .. new byte[2 * 1024 * 1024]], new ContentType("application", "octet-stream"));
        await SendAsync(customer, support, "huge", body: huge.ToMessageBody());
        await WaitForMailAsync(support, 3);
        await SendAsync(customer, support, "clean", "Een gewone vraag na de kapotte mails.");
        await WaitForMailAsync(support, 4);

        var poll = await PollAsync(mailboxId);
        Assert.Equal(4, poll.GetProperty("stored").GetInt32());
        Assert.Equal(3, poll.GetProperty("withErrors").GetInt32());

        var stored = await desk.WithDatabaseAsync(db => db.EmailRecords.Where(r => r.MailboxId == mailboxId).OrderBy(r => r.Uid)
            .Join(db.Messages, r => r.Id, m => m.Id, (r, m) => new { r.Subject, r.ParseError, m.Text, m.Attachments }).ToListAsync());
        Assert.Contains("x-kalm-unknown-42", stored[0].ParseError, StringComparison.Ordinal);
        Assert.Contains("bestelling 77", stored[0].Text, StringComparison.Ordinal);
        Assert.Contains("no parts", stored[1].ParseError, StringComparison.Ordinal);
        Assert.Contains("scan.pdf", stored[2].ParseError, StringComparison.Ordinal);
        var attachment = Assert.Single(stored[2].Attachments);
        Assert.Equal("application/pdf", attachment.ContentType);
        Assert.True(attachment.Size > 2 * 1024 * 1024);
        Assert.Null(stored[3].ParseError);
        Assert.Equal("Een gewone vraag na de kapotte mails.", stored[3].Text);

        // Agents see the flag on the message.
        var conversationId = await desk.WithDatabaseAsync(db => db.EmailRecords.Where(r => r.MailboxId == mailboxId).Select(r => r.ConversationId).FirstAsync());
        using var admin = await desk.CreateSignedInClientAsync();
        var detail = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{conversationId}");
        var flagged = detail.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("mail")).ToList();
        Assert.Equal(4, flagged.Count);
        Assert.Contains("x-kalm-unknown-42", flagged[0].GetProperty("readError").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, flagged[3].GetProperty("readError").ValueKind);
    }

    [Fact]
    public async Task Attachments_are_stored_with_the_mail_and_downloaded_safely_by_agents_who_see_it()
    {
        var team = await desk.WithDatabaseAsync(async db =>
        {
            var created = new Team { Name = "Mail " + Guid.NewGuid().ToString("N")[..8], Channels = [Channel.Email] };
            db.Teams.Add(created);
            await db.SaveChangesAsync();
            return created.Id;
        });
        var member = await desk.CreateUserAsync(Roles.Agent);
        var outsider = await desk.CreateUserAsync(Roles.Agent);
        await desk.WithDatabaseAsync(async db =>
        {
            (await db.Teams.Include(t => t.Members).SingleAsync(t => t.Id == team)).Members.Add(await db.Users.SingleAsync(u => u.Id == member.Id));
            return await db.SaveChangesAsync();
        });
        var (mailboxId, support) = await CreateMailboxAsync(teamId: team);
        var customer = MailServer.CreateAccount("bijlage");

        var pdf = new byte[300 * 1024];
        Random.Shared.NextBytes(pdf);
        "%PDF-1.7\n"u8.CopyTo(pdf);
        var html = "<html><body><script>alert(document.cookie)</script></body></html>"u8.ToArray();
        var tooLarge = new byte[(1024 * 1024) + 1];
        Random.Shared.NextBytes(tooLarge);
        var builder = new BodyBuilder { TextBody = "Hierbij de factuur en de pagina." };
        builder.Attachments.Add("factuur.pdf", pdf, new ContentType("application", "octet-stream"));
        builder.Attachments.Add("pagina.html", html, new ContentType("text", "html"));
        builder.Attachments.Add("video.bin", tooLarge, new ContentType("application", "octet-stream"));
        await SendAsync(customer, support, "Factuur", body: builder.ToMessageBody());
        await WaitForMailAsync(support, 1);
        var poll = await PollAsync(mailboxId);
        Assert.Equal(1, poll.GetProperty("stored").GetInt32());
        Assert.Equal(1, poll.GetProperty("withErrors").GetInt32());

        var message = await desk.WithDatabaseAsync(db => db.Messages.SingleAsync(m => m.ChannelMessageId!.StartsWith(mailboxId.ToString("N"))));
        Assert.Equal(team, await desk.WithDatabaseAsync(db => db.Conversations.Where(c => c.Id == message.ConversationId).Select(c => c.TeamId).SingleAsync()));
        var stored = await desk.WithDatabaseAsync(db => db.MessageAttachments.Where(a => a.MessageId == message.Id).OrderBy(a => a.FileName).ToListAsync());
        Assert.Equal(["factuur.pdf", "pagina.html"], stored.Select(a => a.FileName));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)), stored[0].Sha256);
        Assert.Equal(pdf.Length, stored[0].Size);
        var notStored = Assert.Single(message.Attachments, a => a.FileName == "video.bin");
        Assert.True(notStored.TooLarge);
        Assert.Null(notStored.StorageKey);
        Assert.Equal(tooLarge.Length, notStored.Size);

        using var agent = await desk.CreateSignedInClientAsync(member.Email!);
        var detail = await agent.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{message.ConversationId}");
        var listed = detail.GetProperty("messages").EnumerateArray().Single(m => m.GetProperty("id").GetGuid() == message.Id)
            .GetProperty("attachments").EnumerateArray().ToDictionary(a => a.GetProperty("fileName").GetString()!);
        Assert.Equal(3, listed.Count);
        Assert.True(listed["video.bin"].GetProperty("tooLarge").GetBoolean());
        Assert.Equal(JsonValueKind.Null, listed["video.bin"].GetProperty("downloadUrl").ValueKind);
        Assert.Equal("application/pdf", listed["factuur.pdf"].GetProperty("contentType").GetString());

        // The PDF comes back byte for byte, as a download of the type its bytes show.
        var download = await agent.GetAsync(listed["factuur.pdf"].GetProperty("downloadUrl").GetString());
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var downloaded = await download.Content.ReadAsByteArrayAsync();
        Assert.Equal(pdf, downloaded);
        Assert.Equal(stored[0].Sha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(downloaded)));
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("factuur.pdf", download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal("nosniff", Assert.Single(download.Headers.GetValues("X-Content-Type-Options")));

        // HTML the browser could run is only ever a file to save.
        var page = await agent.GetAsync(listed["pagina.html"].GetProperty("downloadUrl").GetString());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("application/octet-stream", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal(html, await page.Content.ReadAsByteArrayAsync());

        // An agent of another team, a wrong conversation and an unknown id all find nothing.
        var url = $"/api/v1/conversations/{message.ConversationId}/messages/{message.Id}/attachments/{stored[0].Id}";
        using var other = await desk.CreateSignedInClientAsync(outsider.Email!);
        await ProblemAssert.IsProblemAsync(await other.GetAsync(url), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await agent.GetAsync($"/api/v1/conversations/{message.ConversationId}/messages/{message.Id}/attachments/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await agent.GetAsync($"/api/v1/conversations/{message.ConversationId}/messages/{Guid.NewGuid()}/attachments/{stored[0].Id}"), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task A_failing_smtp_server_keeps_the_reply_and_retries_with_backoff()
    {
        var (mailboxId, support) = await CreateMailboxAsync();
        var customer = MailServer.CreateAccount("retry");
        await SendAsync(customer, support, "Retour", "Hoe stuur ik iets terug?");
        await WaitForMailAsync(support, 1);
        await PollAsync(mailboxId);
        var conversationId = await desk.WithDatabaseAsync(db => db.EmailRecords.Where(r => r.MailboxId == mailboxId).Select(r => r.ConversationId).SingleAsync());

        using var admin = await desk.CreateSignedInClientAsync();
        var closedPort = FreePort();
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/mailboxes/{mailboxId}", new { smtpPort = closedPort })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/reply", new { text = "Met het retourlabel." })).StatusCode);
        Assert.Equal(new OutboxResult(0, 1), await SendOutboxAsync());
        var waiting = await admin.GetFromJsonAsync<JsonElement>("/api/v1/mailboxes/outbox");
        var entry = Assert.Single(waiting.EnumerateArray(), e => e.GetProperty("conversationId").GetGuid() == conversationId);
        Assert.Equal(1, entry.GetProperty("attempts").GetInt32());
        Assert.False(string.IsNullOrEmpty(entry.GetProperty("lastError").GetString()));
        var detail = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{conversationId}");
        var unsent = detail.GetProperty("messages").EnumerateArray().Single(m => m.GetProperty("direction").GetString() == "outbound").GetProperty("mail");
        Assert.False(unsent.GetProperty("sent").GetBoolean());
        Assert.False(string.IsNullOrEmpty(unsent.GetProperty("sendError").GetString()));

        // Not due again before the back-off has passed; sent once the server is back.
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/mailboxes/{mailboxId}", new { smtpPort = _mail.SmtpPort })).StatusCode);
        Assert.Equal(new OutboxResult(0, 0), await SendOutboxAsync());
        desk.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(new OutboxResult(1, 0), await SendOutboxAsync());
        Assert.Contains("Met het retourlabel.", (await WaitForMailAsync(customer, 1)).TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admins_manage_mailboxes_and_passwords_never_come_back()
    {
        var (mailboxId, _) = await CreateMailboxAsync();
        using var admin = await desk.CreateSignedInClientAsync();
        var list = await admin.GetStringAsync("/api/v1/mailboxes");
        Assert.DoesNotContain(MailServer.Password, list, StringComparison.Ordinal);
        Assert.Contains("\"hasImapPassword\":true", list, StringComparison.Ordinal);
        var stored = await desk.WithDatabaseAsync(db => db.Mailboxes.SingleAsync(m => m.Id == mailboxId));
        Assert.DoesNotContain(MailServer.Password, stored.ImapPasswordProtected, StringComparison.Ordinal);

        var test = await (await admin.PostAsync($"/api/v1/mailboxes/{mailboxId}/test", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(test.GetProperty("imapOk").GetBoolean(), test.ToString());
        Assert.True(test.GetProperty("smtpOk").GetBoolean(), test.ToString());

        await admin.PutAsJsonAsync($"/api/v1/mailboxes/{mailboxId}", new { imapPassword = "wrong" });
        var wrong = await (await admin.PostAsync($"/api/v1/mailboxes/{mailboxId}/test", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(wrong.GetProperty("imapOk").GetBoolean());

        var bad = await admin.PostAsJsonAsync("/api/v1/mailboxes", new { name = "x", imapHost = "h", imapUser = "u", smtpHost = "h", fromAddress = "geen adres" });
        await ProblemAssert.IsProblemAsync(bad, HttpStatusCode.BadRequest);
        using var agent = await desk.CreateSignedInClientAsync((await desk.CreateUserAsync(Roles.Agent)).Email!);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/api/v1/mailboxes")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/mailboxes/{mailboxId}")).StatusCode);
        await ProblemAssert.IsProblemAsync(await admin.DeleteAsync($"/api/v1/mailboxes/{mailboxId}"), HttpStatusCode.NotFound);
    }

    private async Task<(Guid Id, string Address)> CreateMailboxAsync(bool autoAcknowledge = false, Guid? teamId = null)
    {
        var address = MailServer.CreateAccount("support", "kalm.test");
        using var admin = await desk.CreateSignedInClientAsync();
        var response = await admin.PostAsJsonAsync("/api/v1/mailboxes", new
        {
            name = "Support " + address,
            imapHost = MailServer.Host,
            imapPort = _mail.ImapPort,
            imapSecurity = "none",
            imapUser = MailServer.UserOf(address),
            imapPassword = MailServer.Password,
            smtpHost = MailServer.Host,
            smtpPort = _mail.SmtpPort,
            smtpSecurity = "none",
            fromAddress = address,
            autoAcknowledge,
            signature = "Klantenservice Kalm",
            teamId,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (created.GetProperty("id").GetGuid(), address);
    }

    private async Task<JsonElement> PollAsync(Guid mailboxId)
    {
        using var admin = await desk.CreateSignedInClientAsync();
        var response = await admin.PostAsync($"/api/v1/mailboxes/{mailboxId}/poll", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lastError = await desk.WithDatabaseAsync(db => db.Mailboxes.Where(m => m.Id == mailboxId).Select(m => m.LastError).SingleAsync());
        Assert.Null(lastError);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<OutboxResult> SendOutboxAsync()
    {
        await using var scope = desk.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MailOutbox>().SendDueAsync(CancellationToken.None);
    }

    private async Task SendAsync(string from, string to, string subject, string? text = null, string? messageId = null, string? inReplyTo = null, (string Name, string Value)[]? headers = null, MimeEntity? body = null)
    {
        var mail = new MimeMessage { Subject = subject, MessageId = messageId ?? MimeKit.Utils.MimeUtils.GenerateMessageId("customer.test") };
        mail.From.Add(MailboxAddress.Parse(from));
        mail.To.Add(MailboxAddress.Parse(to));
        if (inReplyTo is not null)
        {
            mail.InReplyTo = inReplyTo;
            mail.References.Add(inReplyTo);
        }

        foreach (var (name, value) in headers ?? [])
        {
            mail.Headers.Add(name, value);
        }

        mail.Body = body ?? new TextPart("plain") { Text = text ?? string.Empty };
        using var smtp = new SmtpClient();
        await smtp.ConnectAsync(MailServer.Host, _mail.SmtpPort, SecureSocketOptions.None);
        await smtp.SendAsync(mail);
        await smtp.DisconnectAsync(true);
    }

    /// <summary>Speaks SMTP by hand, because a mail library repairs the broken MIME these tests need.</summary>
    private async Task SendRawAsync(string from, string to, string raw)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, _mail.SmtpPort);
        using var stream = tcp.GetStream();
        using var reader = new StreamReader(stream, Encoding.Latin1);
        await ExpectAsync("220");
        foreach (var (command, code) in (ValueTuple<string, string>[])[("EHLO customer.test", "250"), ($"MAIL FROM:<{from}>", "250"), ($"RCPT TO:<{to}>", "250"), ("DATA", "354")])
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"));
            await ExpectAsync(code);
        }

        await stream.WriteAsync(Encoding.Latin1.GetBytes(raw + "\r\n.\r\n"));
        await ExpectAsync("250");
        await stream.WriteAsync("QUIT\r\n"u8.ToArray());

        async Task ExpectAsync(string code)
        {
            string? line;
            do
            {
                line = await reader.ReadLineAsync();
                Assert.NotNull(line);
                Assert.StartsWith(code, line, StringComparison.Ordinal);
            }
            while (line.Length > 3 && line[3] == '-');
        }
    }

    private async Task<ImapClient> OpenImapAsync(string address)
    {
        var imap = new ImapClient();
        await imap.ConnectAsync(MailServer.Host, _mail.ImapPort, SecureSocketOptions.None);
        await imap.AuthenticateAsync(MailServer.UserOf(address), MailServer.Password);
        return imap;
    }

    /// <summary>Waits until Postfix delivered <paramref name="count"/> mails to the account; returns the last.</summary>
    private async Task<MimeMessage> WaitForMailAsync(string address, int count)
    {
        var deadline = DateTime.UtcNow + DeliveryTimeout;
        while (true)
        {
            using (var imap = await OpenImapAsync(address))
            {
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

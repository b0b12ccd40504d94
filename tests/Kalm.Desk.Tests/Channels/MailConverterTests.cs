using Kalm.Desk.Channels.Email;
using Kalm.Desk.Conversations;
using MimeKit;

namespace Kalm.Desk.Tests.Channels;

/// <summary>What Kalm reads from a mail, without servers: quoted history, robots, attachment types.</summary>
public sealed class MailConverterTests
{
    private readonly MailConverter _converter = new(new MailHtmlSanitizer(), Microsoft.Extensions.Options.Options.Create(new EmailOptions()));

    [Theory]
    [InlineData("Dank, het is gelukt.\n\nOp 12 mei 2026 om 10:02 schreef Kalm <support@kalm.test>:\n> Jullie zijn idioten", "Dank, het is gelukt.")]
    [InlineData("Thanks!\n\nOn Tue, 12 May 2026 at 10:02, Kalm <support@kalm.test> wrote:\n> old", "Thanks!")]
    [InlineData("Prima.\n\nVan: Kalm <support@kalm.test>\nVerzonden: dinsdag 12 mei 2026 10:02\nAan: klant@example.nl\nOnderwerp: Re: pakket", "Prima.")]
    [InlineData("Zie hieronder.\n-----Oorspronkelijk bericht-----\nidioten", "Zie hieronder.")]
    [InlineData("Geen citaat hier.\nVan: mijn buurman kreeg ik een tip.", "Geen citaat hier.\nVan: mijn buurman kreeg ik een tip.")]
    [InlineData("> alleen een citaat", "> alleen een citaat")]
    public void Shield_reads_the_text_above_the_quoted_history(string text, string analysed) =>
        Assert.Equal(analysed, text[..MailConverter.QuoteStart(text)]);

    [Theory]
    [InlineData("Auto-Submitted", "auto-replied", AutomaticMail.AutoReply)]
    [InlineData("Auto-Submitted", "no", AutomaticMail.None)]
    [InlineData("Precedence", "bulk", AutomaticMail.AutoReply)]
    [InlineData("Precedence", "junk", AutomaticMail.AutoReply)]
    [InlineData("X-Autoreply", "yes", AutomaticMail.AutoReply)]
    [InlineData("X-Autorespond", "Out of office", AutomaticMail.AutoReply)]
    [InlineData("X-Mailer", "Thunderbird", AutomaticMail.None)]
    public void Robots_are_recognised_by_their_headers(string header, string value, AutomaticMail expected)
    {
        var mail = new MimeMessage { Body = new TextPart("plain") { Text = "hallo" } };
        mail.Headers.Add(header, value);
        Assert.Equal(expected, MailConverter.Automatic(mail));
    }

    [Fact]
    public void A_delivery_report_is_a_bounce_that_names_the_returned_mail()
    {
        var report = new MultipartReport("delivery-status")
        {
            new TextPart("plain") { Text = "Delivery failed." },
            new TextPart("rfc822-headers") { Text = "Message-ID: <abc123@kalm.test>\r\nSubject: Re: pakket\r\n" },
        };
        var read = _converter.Read(new MimeMessage { Subject = "Undelivered", Body = report });
        Assert.Equal(AutomaticMail.Bounce, read.Automatic);
        Assert.Contains("abc123@kalm.test", read.References);
    }

    [Fact]
    public void Html_only_mail_is_read_as_text_and_sanitised()
    {
        var mail = new MimeMessage { Subject = "Vraag [#0A1B2C3D]", Body = new TextPart("html") { Text = "<p>Waar is <b>mijn</b> pakket?</p><script>alert(1)</script><p>Groet, An</p>" } };
        mail.Headers.Remove(HeaderId.MessageId);
        var read = _converter.Read(mail);
        Assert.Equal("Waar is mijn pakket?\nGroet, An", read.Text);
        Assert.DoesNotContain("<script", read.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("0a1b2c3d", read.ThreadRef);
        Assert.Empty(read.Errors);
        Assert.StartsWith("sha256-", read.RfcMessageId, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31 }, "image/png", "application/pdf")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A }, "application/pdf", "image/png")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, "text/plain", "image/jpeg")]
    [InlineData(new byte[] { 0x4D, 0x5A, 0x90, 0x00 }, "application/pdf", "application/x-msdownload")]
    [InlineData(new byte[] { 0x68, 0x61, 0x6C, 0x6C, 0x6F }, "text/csv", "text/csv")]
    [InlineData(new byte[] { 0x00, 0x01, 0x02 }, "image/png", "application/octet-stream")]
    public void Attachment_types_come_from_their_bytes(byte[] head, string declared, string expected) =>
        Assert.Equal(expected, MailConverter.Sniff(head, declared));

    [Fact]
    public void Attachments_are_kept_until_the_per_mail_limit_and_then_only_listed()
    {
        var converter = new MailConverter(new MailHtmlSanitizer(), Microsoft.Extensions.Options.Options.Create(new EmailOptions { MaxAttachmentBytes = 100, MaxMailAttachmentBytes = 150 }));
        var builder = new BodyBuilder { TextBody = "Drie bijlagen." };
        builder.Attachments.Add("een.png", [0x89, (byte)'P', (byte)'N', (byte)'G', .. new byte[76]], new ContentType("application", "octet-stream"));
        builder.Attachments.Add("twee.txt", new byte[80], new ContentType("text", "plain"));
        builder.Attachments.Add("drie.txt", new byte[60], new ContentType("text", "plain"));
        builder.Attachments.Add("vier.txt", new byte[101], new ContentType("text", "plain"));
        var read = converter.Read(new MimeMessage { Subject = "Bijlagen", Body = builder.ToMessageBody() });

        Assert.Equal(["een.png", "twee.txt", "drie.txt", "vier.txt"], read.Attachments.Select(a => a.Info.FileName));
        Assert.Equal([80L, 80L, 60L, 101L], read.Attachments.Select(a => a.Info.Size));
        Assert.Equal([false, true, false, true], read.Attachments.Select(a => a.Info.TooLarge));
        Assert.Equal([true, false, true, false], read.Attachments.Select(a => a.Content is not null));
        Assert.Equal("image/png", read.Attachments[0].Info.ContentType);
        Assert.Equal(80, read.Attachments[0].Content!.Length);
        Assert.Equal(2, read.Errors.Count);
    }

    [Theory]
    [InlineData("application/pdf", "application/pdf")]
    [InlineData("image/png", "image/png")]
    [InlineData("text/plain", "text/plain")]
    [InlineData("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    [InlineData("text/html", "application/octet-stream")]
    [InlineData("image/svg+xml", "application/octet-stream")]
    [InlineData("text/javascript", "application/octet-stream")]
    [InlineData("application/xhtml+xml", "application/octet-stream")]
    [InlineData("application/x-msdownload", "application/octet-stream")]
    public void Only_inert_types_are_served_as_themselves(string sniffed, string served) =>
        Assert.Equal(served, ConversationEndpoints.DownloadType(sniffed));
}

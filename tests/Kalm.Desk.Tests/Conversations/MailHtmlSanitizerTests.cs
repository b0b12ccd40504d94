using Kalm.Desk.Conversations;

namespace Kalm.Desk.Tests.Conversations;

public sealed class MailHtmlSanitizerTests
{
    private readonly MailHtmlSanitizer _sanitizer = new();

    [Theory]
    [InlineData("<p>Hallo</p><script>alert(1)</script>", "<script")]
    [InlineData("<img src=\"x\" onerror=\"alert(1)\">", "onerror")]
    [InlineData("<a href=\"javascript:alert(1)\">klik</a>", "javascript:")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>", "<iframe")]
    [InlineData("<form action=\"https://evil.example\"><input name=\"pin\"></form>", "<input")]
    [InlineData("<div style=\"position:fixed;top:0\">over the whole screen</div>", "position")]
    public void Active_content_is_removed(string html, string forbidden)
    {
        var safe = _sanitizer.Sanitize(html);

        Assert.DoesNotContain(forbidden, safe.Html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Remote_images_are_held_back_until_the_agent_asks()
    {
        const string Html = "<p>Zie foto</p><img src=\"https://tracker.example/pixel.gif?id=42\"><img src=\"cid:foto1\">";

        var blocked = _sanitizer.Sanitize(Html);
        var allowed = _sanitizer.Sanitize(Html, allowRemoteImages: true);

        Assert.Equal(1, blocked.BlockedImages);
        Assert.DoesNotContain("tracker.example", blocked.Html, StringComparison.Ordinal);
        Assert.Contains("cid:foto1", blocked.Html, StringComparison.Ordinal);
        Assert.Contains("https://tracker.example/pixel.gif?id=42", allowed.Html, StringComparison.Ordinal);
        Assert.Equal(0, allowed.BlockedImages);
    }

    [Fact]
    public void Links_open_outside_the_workspace_without_a_referrer()
    {
        var safe = _sanitizer.Sanitize("<a href=\"https://kalm.example/faq\">FAQ</a>");

        Assert.Contains("target=\"_blank\"", safe.Html, StringComparison.Ordinal);
        Assert.Contains("noopener", safe.Html, StringComparison.Ordinal);
        Assert.Contains("noreferrer", safe.Html, StringComparison.Ordinal);
        Assert.Contains("https://kalm.example/faq", safe.Html, StringComparison.Ordinal);
    }
}

using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Ganss.Xss;

namespace Kalm.Desk.Conversations;

/// <summary>Sanitised mail HTML, and how many remote images were held back.</summary>
public sealed record SafeMailHtml(string Html, int BlockedImages);

/// <summary>
/// Makes a customer's mail HTML safe to show inside the workspace: no scripts, event handlers, forms,
/// frames or styles that escape the message, and no remote images unless the agent asks for them,
/// because a remote image tells the sender when and where the mail was read.
/// </summary>
public sealed partial class MailHtmlSanitizer
{
    private const string BlockedAttribute = "data-kalm-blocked-src";

    private readonly HtmlSanitizer _blockingImages = Create(allowRemoteImages: false);
    private readonly HtmlSanitizer _allowingImages = Create(allowRemoteImages: true);

    /// <summary>Sanitises <paramref name="html"/>; thread-safe.</summary>
    public SafeMailHtml Sanitize(string html, bool allowRemoteImages = false)
    {
        ArgumentNullException.ThrowIfNull(html);
        var safe = (allowRemoteImages ? _allowingImages : _blockingImages).Sanitize(html);
        return new SafeMailHtml(safe, allowRemoteImages ? 0 : BlockedImage().Count(safe));
    }

    private static HtmlSanitizer Create(bool allowRemoteImages)
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedTags.Remove("form");
        sanitizer.AllowedTags.Remove("input");
        sanitizer.AllowedTags.Remove("button");
        sanitizer.AllowedTags.Remove("textarea");
        sanitizer.AllowedTags.Remove("select");
        // A mail must not lay itself over the workspace's own buttons.
        sanitizer.AllowedCssProperties.Remove("position");
        sanitizer.AllowedCssProperties.Remove("z-index");
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowedSchemes.Add("tel");
        sanitizer.AllowedSchemes.Add("cid");
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is not IElement element)
            {
                return;
            }

            if (element.LocalName == "a")
            {
                element.SetAttribute("target", "_blank");
                element.SetAttribute("rel", "noopener noreferrer nofollow");
            }
            else if (element.LocalName == "img" && !allowRemoteImages && element.GetAttribute("src") is { } source
                && (source.StartsWith("http:", StringComparison.OrdinalIgnoreCase) || source.StartsWith("https:", StringComparison.OrdinalIgnoreCase) || source.StartsWith("//", StringComparison.Ordinal)))
            {
                element.RemoveAttribute("src");
                element.RemoveAttribute("srcset");
                element.SetAttribute(BlockedAttribute, "true");
            }
        };
        return sanitizer;
    }

    [GeneratedRegex(BlockedAttribute)]
    private static partial Regex BlockedImage();
}

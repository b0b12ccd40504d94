using System.Security.Cryptography;

namespace Kalm.Desk.Domain;

/// <summary>
/// The stored bytes of one attachment. They live in the database, next to the message, so they are
/// committed in the same transaction, backed up with it and work the same on SQLite and PostgreSQL.
/// </summary>
public sealed class MessageAttachment
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid MessageId { get; set; }

    public required string FileName { get; set; }

    /// <summary>The type the bytes show, never the sender's claim.</summary>
    public required string ContentType { get; set; }

    public long Size { get; set; }

    /// <summary>Lower-case hex SHA-256 of <see cref="Content"/>, to prove what was received.</summary>
    public required string Sha256 { get; set; }

    public required byte[] Content { get; set; }

    /// <summary>The stored form of <paramref name="content"/>, described by <paramref name="info"/>.</summary>
    public static MessageAttachment Create(Guid messageId, AttachmentInfo info, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(content);
        return new MessageAttachment
        {
            MessageId = messageId,
            FileName = info.FileName.Length <= MaxFileNameLength ? info.FileName : info.FileName[..MaxFileNameLength],
            // An absurdly long claimed text type is no type worth keeping.
            ContentType = info.ContentType.Length <= MaxContentTypeLength ? info.ContentType : "application/octet-stream",
            Size = content.LongLength,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
            Content = content,
        };
    }

    public const int MaxFileNameLength = 255;

    public const int MaxContentTypeLength = 200;
}

/// <summary>An attachment as a channel delivers it: its metadata and, when within the limits, its bytes.</summary>
/// <param name="Content">Null when the attachment was not stored (too large); the metadata is kept anyway.</param>
public sealed record InboundAttachment(AttachmentInfo Info, byte[]? Content);

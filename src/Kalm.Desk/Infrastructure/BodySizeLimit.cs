using Microsoft.AspNetCore.Http.Metadata;

namespace Kalm.Desk.Infrastructure;

/// <summary>
/// Endpoint metadata that routing applies to the server's body limit before the handler runs, so an
/// oversized request is refused with 413 while streaming instead of being buffered first.
/// </summary>
internal sealed class BodySizeLimit(long maxBytes) : IRequestSizeLimitMetadata
{
    public long? MaxRequestBodySize => maxBytes;
}

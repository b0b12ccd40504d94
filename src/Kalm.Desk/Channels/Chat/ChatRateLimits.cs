using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Kalm.Desk.Channels.Chat;

/// <summary>
/// Fixed one-minute windows per IP address and per visitor for the public chat. HTTP requests go
/// through ASP.NET Core rate limiting (<see cref="ChatSetup"/>); hub messages arrive on one open
/// connection, so the hub asks these limiters itself.
/// </summary>
public sealed class ChatRateLimits(IOptions<ChatOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _perIp = PartitionedRateLimiter.Create<string, string>(ip =>
        RateLimitPartition.GetFixedWindowLimiter(ip, _ => Window(options.Value.RequestsPerMinutePerIp)));

    private readonly PartitionedRateLimiter<string> _perVisitor = PartitionedRateLimiter.Create<string, string>(visitor =>
        RateLimitPartition.GetFixedWindowLimiter(visitor, _ => Window(options.Value.RequestsPerMinutePerVisitor)));

    /// <summary>Takes one permit for the IP address and, when known, the visitor; false when either is used up.</summary>
    public bool TryAcquire(string? ip, string? visitorId)
    {
        using var byIp = _perIp.AttemptAcquire(ip ?? "unknown");
        if (!byIp.IsAcquired)
        {
            return false;
        }

        if (visitorId is null)
        {
            return true;
        }

        using var byVisitor = _perVisitor.AttemptAcquire(visitorId);
        return byVisitor.IsAcquired;
    }

    public void Dispose()
    {
        _perIp.Dispose();
        _perVisitor.Dispose();
    }

    internal static FixedWindowRateLimiterOptions Window(int permits) => new()
    {
        PermitLimit = permits,
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}

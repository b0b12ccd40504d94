using Kalm.Desk.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kalm.Desk.Channels.Email;

/// <summary>Polls every enabled mailbox when its interval has passed.</summary>
public sealed class MailPoller(IServiceScopeFactory scopes, IOptions<EmailOptions> options, TimeProvider time, ILogger<MailPoller> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Workers)
        {
            return;
        }

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await PollDueAsync(stoppingToken).ConfigureAwait(false);
                await Task.Delay(options.Value.PollTick, time, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task PollDueAsync(CancellationToken stoppingToken)
    {
        try
        {
            List<(Guid Id, DateTimeOffset? LastPolledAt, TimeSpan Interval)> mailboxes;
            await using (var scope = scopes.CreateAsyncScope())
            {
                mailboxes = [.. (await scope.ServiceProvider.GetRequiredService<KalmDbContext>().Mailboxes.AsNoTracking()
                    .Where(m => m.Enabled)
                    .Select(m => new { m.Id, m.LastPolledAt, m.PollInterval })
                    .ToListAsync(stoppingToken).ConfigureAwait(false))
                    .Select(m => (m.Id, m.LastPolledAt, m.PollInterval))];
            }

            var now = time.GetUtcNow();
            foreach (var mailbox in mailboxes.Where(m => m.LastPolledAt is null || m.LastPolledAt + m.Interval <= now))
            {
                // A scope per mailbox: one mailbox's failure or tracked entities never touch the next.
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<MailFetcher>().PollAsync(mailbox.Id, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A failed pass (the database restarting, say) must not stop polling; the next tick retries.
            logger.LogError(exception, "A mail poll pass failed");
        }
    }
}

/// <summary>Sends queued replies and retries failed ones.</summary>
public sealed class MailOutboxWorker(IServiceScopeFactory scopes, IOptions<EmailOptions> options, TimeProvider time, ILogger<MailOutboxWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Workers)
        {
            return;
        }

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<MailOutbox>().SendDueAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    logger.LogError(exception, "An outbox pass failed");
                }

                await Task.Delay(options.Value.OutboxTick, time, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}

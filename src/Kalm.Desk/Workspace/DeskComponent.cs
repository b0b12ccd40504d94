using System.Security.Claims;
using Kalm.Desk.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Kalm.Desk.Workspace;

/// <summary>
/// Base of workspace pages. A Blazor circuit lives for hours, so each load or change runs in a scope
/// of its own (a fresh DbContext) instead of one context per page that goes stale.
/// </summary>
public abstract class DeskComponent : ComponentBase, IAsyncDisposable
{
    private static readonly TimeSpan RefreshDelay = TimeSpan.FromMilliseconds(200);

    private readonly CancellationTokenSource _disposed = new();

    [Inject]
    private IServiceScopeFactory ScopeFactory { get; set; } = default!;

    [Inject]
    private IConversationEvents ConversationEvents { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    /// <summary>Cancelled when the page goes away.</summary>
    protected CancellationToken PageClosed => _disposed.Token;

    protected async Task<ClaimsPrincipal> GetUserAsync() => (await AuthenticationState.ConfigureAwait(false)).User;

    /// <summary>Runs <paramref name="work"/> with services from a scope of its own.</summary>
    protected async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var scope = ScopeFactory.CreateAsyncScope();
        return await work(scope.ServiceProvider).ConfigureAwait(false);
    }

    /// <summary>
    /// Calls <paramref name="refresh"/> on the page's render thread after each committed change that
    /// <paramref name="relevant"/> accepts. Changes arriving in a burst (an import, a bulk action) are
    /// folded into one refresh.
    /// </summary>
    protected void WatchConversations(Func<ConversationChange, bool> relevant, Func<ConversationChange, Task> refresh)
    {
        ArgumentNullException.ThrowIfNull(relevant);
        ArgumentNullException.ThrowIfNull(refresh);
        _ = Task.Run(async () =>
        {
            try
            {
                await foreach (var change in ConversationEvents.SubscribeAsync(PageClosed).ConfigureAwait(false))
                {
                    if (relevant(change))
                    {
                        await Task.Delay(RefreshDelay, PageClosed).ConfigureAwait(false);
                        await InvokeAsync(() => refresh(change)).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (PageClosed.IsCancellationRequested)
            {
                // The page closed; the subscription ends with it.
            }
        });
    }

    public async ValueTask DisposeAsync()
    {
        // Not disposed: the watch loop may still read the token once after cancellation.
        await _disposed.CancelAsync().ConfigureAwait(false);
        await DisposeCoreAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    protected virtual ValueTask DisposeCoreAsync() => ValueTask.CompletedTask;
}

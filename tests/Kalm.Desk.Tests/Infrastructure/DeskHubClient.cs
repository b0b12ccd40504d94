using Kalm.Desk.Realtime;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Kalm.Desk.Tests.Infrastructure;

/// <summary>Connections to the desk hub for tests, started only once the hub has joined them to their groups.</summary>
public static class DeskHubClient
{
    /// <summary>
    /// Connects with <paramref name="bearer"/>; <paramref name="listen"/> registers handlers before the start.
    /// Returns after the hub's <see cref="DeskHub.Subscribed"/> call, so no change committed afterwards is missed.
    /// </summary>
    public static async Task<HubConnection> ConnectAsync(DeskFactory desk, string bearer, Action<HubConnection> listen)
    {
        ArgumentNullException.ThrowIfNull(desk);
        ArgumentNullException.ThrowIfNull(listen);
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(desk.Server.BaseAddress, DeskHub.Path), options =>
            {
                options.HttpMessageHandlerFactory = _ => desk.Server.CreateHandler();
                options.Transports = HttpTransportType.LongPolling;
                options.AccessTokenProvider = () => Task.FromResult<string?>(bearer);
            })
            .Build();
        var subscribed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On(DeskHub.Subscribed, () => subscribed.TrySetResult());
        listen(connection);
        await connection.StartAsync();
        await subscribed.Task.WaitAsync(TimeSpan.FromSeconds(20));
        return connection;
    }
}

using System.Security.Claims;
using System.Threading.RateLimiting;
using Kalm.Desk.Data;
using Kalm.Desk.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kalm.Desk.Channels.Chat;

/// <summary>The web chat: the visitor's public endpoints and hub, the agent's typing signal, the demo page.</summary>
public static class ChatSetup
{
    /// <summary>The header that carries the visitor token on the public endpoints.</summary>
    public const string TokenHeader = "X-Chat-Token";

    private const string CorsPolicy = "chat";
    private const long MaxBodyBytes = 32 * 1024;

    public static IHostApplicationBuilder AddChat(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<ChatOptions>().BindConfiguration(ChatOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<ChatService>();
        services.AddScoped<SurveyResults>();
        services.AddScoped<SurveyRecorder>();
        services.AddSingleton<VisitorTokens>();
        services.AddSingleton<ChatConnections>();
        services.AddSingleton<ChatRateLimits>();
        services.AddSingleton<ChatTyping>();
        services.AddHostedService<ChatBroadcaster>();
        // The widget runs on the organisation's own website: another origin, without cookies.
        services.AddCors(options => options.AddPolicy(CorsPolicy, policy => policy.AllowAnyOrigin().AllowAnyHeader().WithMethods("GET", "POST")));
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<ChatOptions>>((options, chat) =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context => IsPublicChat(context)
                    ? RateLimitPartition.GetFixedWindowLimiter("ip:" + context.Connection.RemoteIpAddress, _ => ChatRateLimits.Window(chat.Value.RequestsPerMinutePerIp))
                    : RateLimitPartition.GetNoLimiter(string.Empty)),
                PartitionedRateLimiter.Create<HttpContext, string>(context => IsPublicChat(context) && context.Request.Headers[TokenHeader].ToString() is { Length: > 0 } token
                    ? RateLimitPartition.GetFixedWindowLimiter("visitor:" + token, _ => ChatRateLimits.Window(chat.Value.RequestsPerMinutePerVisitor))
                    : RateLimitPartition.GetNoLimiter(string.Empty)));
            options.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await ProblemDetailsSetup.Problem(StatusCodes.Status429TooManyRequests, "Too many chat requests; wait a minute and try again.")
                    .ExecuteAsync(context.HttpContext).ConfigureAwait(false);
            };
        });
        return builder;
    }

    /// <summary>Rate limits and CORS for the public chat; call after authorization.</summary>
    public static WebApplication UseChat(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseCors();
        app.UseRateLimiter();
        return app;
    }

    public static IEndpointRouteBuilder MapChat(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHub<ChatHub>(ChatHub.Path).RequireCors(CorsPolicy);

        var visitor = app.MapGroup("/api/v1/chat")
            .WithTags("Web chat")
            .AllowAnonymous()
            .RequireCors(CorsPolicy)
            .WithMetadata(new BodySizeLimit(MaxBodyBytes));
        visitor.MapPost("/start", (ChatStartRequest request, ChatService chat, CancellationToken cancellationToken) => chat.StartAsync(request, cancellationToken))
            .WithSummary("Start or resume a chat")
            .WithDescription("Returns a visitor token to send as X-Chat-Token (the widget keeps it in localStorage) and the chat as it stands. A blocked customer gets 403.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        visitor.MapGet("/", async Task<Results<Ok<ChatView>, ProblemHttpResult>> (HttpRequest request, ChatService chat, CancellationToken cancellationToken) =>
                Ticket(request, chat) is { } ticket ? TypedResults.Ok(await chat.ViewAsync(ticket, cancellationToken).ConfigureAwait(false)) : NoToken())
            .WithSummary("The visitor's chat")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        visitor.MapPost("/messages", async Task<Results<Ok<ChatSendResponse>, ProblemHttpResult>> (HttpRequest request, ChatSendRequest body, ChatService chat, CancellationToken cancellationToken) =>
                Ticket(request, chat) is { } ticket ? await chat.SendAsync(ticket, body.Text, cancellationToken).ConfigureAwait(false) : NoToken())
            .WithSummary("Send a message as the visitor")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        visitor.MapPost("/survey", async Task<Results<Ok<ChatView>, ProblemHttpResult>> (HttpRequest request, SurveyAnswersRequest body, ChatService chat, CancellationToken cancellationToken) =>
                Ticket(request, chat) is { } ticket ? await chat.SubmitSurveyAsync(ticket, body, cancellationToken).ConfigureAwait(false) : NoToken())
            .WithSummary("Answer the survey of the visitor's resolved chat")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict);

        app.MapGroup("/api/v1/conversations")
            .WithTags("Web chat")
            .RequireAuthorization(Policies.Agent)
            .MapPost("/{id:guid}/typing", AgentTypingAsync)
            .WithSummary("Tell the chat customer the agent is typing")
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapSurveyEndpoints();
        app.MapGet("/demo/chat", (IWebHostEnvironment environment) => TypedResults.PhysicalFile(Path.Combine(environment.WebRootPath, "demo", "chat.html"), "text/html; charset=utf-8"))
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> AgentTypingAsync(Guid id, ClaimsPrincipal user, KalmDbContext db, ChatTyping typing, CancellationToken cancellationToken)
    {
        var conversation = await Conversations.ConversationEndpoints.VisibleTo(db.Conversations, user)
            .Where(c => c.Id == id && c.Channel == Domain.Channel.Chat)
            .Select(c => new { c.Id, Alias = c.Assignee != null ? c.Assignee.PublicAlias : null })
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (conversation is null)
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status404NotFound, $"No chat conversation {id} that you may see.");
        }

        await typing.AgentTypesAsync(conversation.Id, conversation.Alias, cancellationToken).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    private static bool IsPublicChat(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api/v1/chat") || context.Request.Path.StartsWithSegments(ChatHub.Path);

    private static VisitorTicket? Ticket(HttpRequest request, ChatService chat) => chat.Read(request.Headers[TokenHeader].ToString());

    private static ProblemHttpResult NoToken() =>
        ProblemDetailsSetup.Problem(StatusCodes.Status401Unauthorized, $"Send the visitor token from POST /api/v1/chat/start in the {TokenHeader} header.");
}

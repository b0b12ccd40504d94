using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Kalm.Desk.Infrastructure;

public static class ProblemDetailsSetup
{
    /// <summary>Every error leaves as RFC 7807 problem details, including the framework's own 400/401/404/413.</summary>
    public static IHostApplicationBuilder AddKalmProblemDetails(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Detail ??= DefaultDetail(context.ProblemDetails.Status, context.HttpContext.Request);
            context.ProblemDetails.Extensions.TryAdd("traceId", context.HttpContext.TraceIdentifier);
        });
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        // Without this, minimal APIs answer a malformed body with an empty 400; throwing lets the
        // handler above explain what was wrong.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return builder;
    }

    public static WebApplication UseKalmProblemDetails(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    /// <summary>Explains the status codes the framework sets without a body (challenges, unmatched routes).</summary>
    private static string? DefaultDetail(int? status, HttpRequest request) => status switch
    {
        StatusCodes.Status401Unauthorized => "Sign in, or send a bearer token in the Authorization header.",
        StatusCodes.Status403Forbidden => "Your role does not allow this action.",
        StatusCodes.Status404NotFound => $"Nothing exists at {request.Method} {request.Path}.",
        StatusCodes.Status405MethodNotAllowed => $"{request.Method} is not allowed on {request.Path}.",
        StatusCodes.Status415UnsupportedMediaType => "Send the body as application/json.",
        StatusCodes.Status500InternalServerError => "Something went wrong on our side; the trace id identifies it in the logs.",
        _ => null,
    };

    /// <summary>A problem result with the standard title and type for <paramref name="status"/>.</summary>
    public static ProblemHttpResult Problem(int status, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status);
}

/// <summary>Turns bad requests found by the framework (body binding, size limits) into problem details.</summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        httpContext.Response.StatusCode = badRequest.StatusCode;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = badRequest.StatusCode, Detail = Describe(badRequest) },
        }).ConfigureAwait(false);
    }

    private static string Describe(BadHttpRequestException exception) => exception switch
    {
        { StatusCode: StatusCodes.Status413PayloadTooLarge } => "The request body is larger than this endpoint accepts.",
        { InnerException: JsonException json } => $"The request body is not valid JSON for this endpoint: {json.Message}",
        _ => exception.Message,
    };
}

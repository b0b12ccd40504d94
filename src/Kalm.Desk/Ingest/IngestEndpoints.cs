using System.Security.Claims;
using System.Text.Json;
using Kalm.Desk.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Kalm.Desk.Ingest;

public static class IngestEndpoints
{
    public static IHostApplicationBuilder AddIngest(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<IngestOptions>().BindConfiguration(IngestOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<InboundMessageService>();
        return builder;
    }

    public static IEndpointRouteBuilder MapIngestEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var limits = app.ServiceProvider.GetRequiredService<IOptions<IngestOptions>>().Value;

        var group = app.MapGroup("/api/v1")
            .WithTags("Ingest")
            .RequireAuthorization(Policies.Integration);

        group.MapPost("/inbound", PostInboundAsync)
            .WithName("PostInbound")
            .WithSummary("Deliver a customer message")
            .WithDescription("Stores the message in the customer's open conversation on the channel, or starts one. "
                + "Sending the same externalId again on the same channel returns the stored ids with 200.")
            .Accepts<InboundMessageRequest>("application/json")
            .Produces<InboundMessageResponse>(StatusCodes.Status201Created)
            .Produces<InboundMessageResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithMetadata(new BodySizeLimit(limits.MaxRequestBodyBytes));
        return app;
    }

    // The body is read here rather than bound by the framework so that every way it can be wrong
    // (not JSON, too large, missing fields) gets its own precise problem detail.
    private static async Task<Results<Created<InboundMessageResponse>, Ok<InboundMessageResponse>, ProblemHttpResult>> PostInboundAsync(
        HttpRequest request,
        ClaimsPrincipal integration,
        InboundMessageService service,
        IOptions<IngestOptions> ingestOptions,
        IOptions<JsonOptions> jsonOptions,
        CancellationToken cancellationToken)
    {
        var limits = ingestOptions.Value;
        if (!request.HasJsonContentType())
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status415UnsupportedMediaType, "Send the message as application/json.");
        }

        if (request.ContentLength > limits.MaxRequestBodyBytes)
        {
            return TooLarge(limits);
        }

        InboundMessageRequest? body;
        try
        {
            await using var limited = new LimitedReadStream(request.Body, limits.MaxRequestBodyBytes);
            body = await JsonSerializer.DeserializeAsync<InboundMessageRequest>(limited, jsonOptions.Value.SerializerOptions, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException exception)
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status400BadRequest, $"The body is not a valid inbound message: {exception.Message}");
        }
        catch (RequestTooLargeException)
        {
            return TooLarge(limits);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(limits);
        }

        if (body is null)
        {
            return ProblemDetailsSetup.Problem(StatusCodes.Status400BadRequest, "The body is empty; send a JSON object with channel, externalId, from and text.");
        }

        if (!InboundValidation.TryValidate(body, limits.MaxTextBytes, out var inbound, out var rejection))
        {
            return ProblemDetailsSetup.Problem(rejection.Status, rejection.Detail);
        }

        var via = $"api-key:{integration.Identity?.Name}";
        var result = await service.IngestAsync(inbound, via, cancellationToken).ConfigureAwait(false);
        return result.Created
            ? TypedResults.Created($"/api/v1/conversations/{result.Response.ConversationId}", result.Response)
            : TypedResults.Ok(result.Response);
    }

    private static ProblemHttpResult TooLarge(IngestOptions limits) => ProblemDetailsSetup.Problem(
        StatusCodes.Status413PayloadTooLarge,
        $"The request body is larger than {limits.MaxRequestBodyBytes} bytes; message text may be at most {limits.MaxTextBytes} bytes.");
}

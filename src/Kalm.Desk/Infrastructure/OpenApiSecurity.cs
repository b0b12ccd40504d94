using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Kalm.Desk.Infrastructure;

/// <summary>
/// Declares the two ways to call the API in the OpenAPI document, so the interactive docs at
/// <c>/docs</c> offer fields for an API key and a bearer token.
/// </summary>
internal sealed class OpenApiSecurity : IOpenApiDocumentTransformer
{
    public const string ApiKey = "apiKey";
    public const string Bearer = "bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Info.Title = "Kalm API";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKey] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyAuthenticationHandler.HeaderName,
            Description = "Integration key for the ingest API, created by an admin.",
        };
        document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "Agent token from POST /api/auth/login.",
        };
        // Alternatives: the ingest API takes the key, the agent API the token.
        document.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKey, document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, document)] = [] },
        ];
        return Task.CompletedTask;
    }
}

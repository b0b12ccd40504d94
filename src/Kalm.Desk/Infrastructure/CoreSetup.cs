using System.Text.Json;
using System.Text.Json.Serialization;
using Kalm.Shield;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Scalar.AspNetCore;

namespace Kalm.Desk.Infrastructure;

public static class CoreSetup
{
    /// <summary>Where Kalm listens when nothing else says so.</summary>
    public const string DefaultUrls = "http://localhost:5080";

    /// <summary>
    /// Listens on <see cref="DefaultUrls"/> unless urls or ports are configured (<c>--urls</c>,
    /// <c>ASPNETCORE_URLS</c>, <c>ASPNETCORE_HTTP_PORTS</c>, <c>Urls</c> in appsettings). A <c>Urls</c> value in
    /// appsettings.json would instead override the ASPNETCORE_ variables that containers rely on.
    /// </summary>
    public static WebApplicationBuilder UseKalmDefaultUrls(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        string[] keys = [WebHostDefaults.ServerUrlsKey, WebHostDefaults.HttpPortsKey, WebHostDefaults.HttpsPortsKey];
        if (keys.All(key => string.IsNullOrWhiteSpace(builder.Configuration[key])))
        {
            builder.WebHost.UseUrls(DefaultUrls);
        }

        return builder;
    }

    /// <summary>Time, Shield, the conversation event stream, JSON conventions and bootstrap options.</summary>
    public static IHostApplicationBuilder AddKalmCore(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IMessageAnalyzer>(new ShieldAnalyzer());
        services.AddSingleton<IConversationEvents, ConversationEventBus>();
        services.AddOptions<BootstrapOptions>().BindConfiguration(BootstrapOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        // snake_case enum names match Shield's stable names (disease_curse, self_harm) and read well in JSON.
        services.ConfigureHttpJsonOptions(options =>
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower)));
        return builder;
    }

    public static IHostApplicationBuilder AddKalmOpenApi(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer<OpenApiSecurity>());
        return builder;
    }

    /// <summary>The OpenAPI document at <c>/openapi/v1.json</c> and the interactive reference at <c>/docs</c>.</summary>
    public static WebApplication MapKalmOpenApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapOpenApi();
        app.MapScalarApiReference("/docs", options => options.WithTitle("Kalm API"));
        return app;
    }
}

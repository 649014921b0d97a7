using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using CircularPlatform.ServiceDefaults.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

public static class HttpConventionsExtensions
{
    /// <summary>Bodies larger than this are refused with 413, unless configured otherwise (Limits:MaxRequestBodyBytes).</summary>
    public const long DefaultMaxRequestBodyBytes = 1024 * 1024;

    /// <summary>
    /// Every error is an RFC 9457 problem details document carrying the trace id, never a stack
    /// trace, in every environment; JSON is camelCase with enums as kebab-case strings; request
    /// bodies are bounded; no text input holds a NUL or a lone surrogate.
    /// </summary>
    public static TBuilder AddHttpConventions<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var services = builder.Services;
        services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemExceptionHandler.Customize);
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.AspNetCore.Diagnostics.IDeveloperPageExceptionFilter, DeveloperPageDefersToProblems>());

        // Binding failures are thrown so that ProblemExceptionHandler can name the offending field.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(options => Configure(options.SerializerOptions));

        var maxBody = builder.Configuration.GetValue("Limits:MaxRequestBodyBytes", DefaultMaxRequestBodyBytes);
        services.Configure<KestrelServerOptions>(options =>
        {
            options.Limits.MaxRequestBodySize = maxBody;
            options.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            options.AddServerHeader = false;
        });

        services.TryAddEnumerable(ServiceDescriptor.Transient<IStartupFilter, HttpConventionsStartupFilter>());

        services.Configure<ForwardedClientOptions>(builder.Configuration.GetSection(ForwardedClientOptions.Section));
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ForwardedClientOptions>>((options, client) =>
        {
            // Loopback stays trusted (ASP.NET Core's default): the gateway on the same machine.
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in client.Value.TrustedProxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        });
        return builder;
    }

    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        options.Converters.Add(new CheckedStringConverter());
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Mirix.Client;

/// <summary>Registration of <see cref="IMirixClient"/> in a service collection.</summary>
public static class MirixClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IMirixClient"/> as a typed HttpClient with service discovery and the standard resilience
    /// handler: time-outs per try and in all, a circuit breaker, and retries of transient failures for calls that are
    /// safe to repeat (reads, and writes that carry an idempotency key, as every add does). Replaces any resilience
    /// handler that the application's defaults added.
    /// </summary>
    public static IHttpClientBuilder AddMirixClient(this IServiceCollection services, Action<MirixClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.Configure(configure);
        services.AddServiceDiscovery();
        services.AddSingleton<MirixClientFactory>();
        var builder = services.AddHttpClient<IMirixClient, MirixClient>((provider, http) =>
        {
            var options = provider.GetRequiredService<IOptions<MirixClientOptions>>().Value;
            http.BaseAddress = options.BaseAddress;
            // The resilience handler times calls out; a streamed chat turn runs as long as it talks.
            http.Timeout = Timeout.InfiniteTimeSpan;
            if (!string.IsNullOrEmpty(options.ApiKey))
            {
                http.DefaultRequestHeaders.Add("X-API-Key", options.ApiKey);
            }
        });
        builder.AddServiceDiscovery();
        // An app's defaults (Aspire's ServiceDefaults) add a standard handler to every client; nested in ours, its 10-second
        // try would cut model-backed calls short. The removal API is still marked for evaluation.
#pragma warning disable EXTEXP0001
        builder.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        builder.AddStandardResilienceHandler().Configure((HttpStandardResilienceOptions resilience, IServiceProvider provider) =>
        {
            var options = provider.GetRequiredService<IOptions<MirixClientOptions>>().Value;
            resilience.AttemptTimeout.Timeout = options.AttemptTimeout;
            resilience.TotalRequestTimeout.Timeout = options.TotalTimeout;
            resilience.CircuitBreaker.SamplingDuration = options.AttemptTimeout * 2;
            var transient = resilience.Retry.ShouldHandle;
            resilience.Retry.ShouldHandle = async args => IsRepeatable(args.Context.GetRequestMessage()) && await transient(args).ConfigureAwait(false);
        });
        return builder;
    }

    private static bool IsRepeatable(HttpRequestMessage? request) =>
        request is not null && (request.Method == HttpMethod.Get || request.Headers.Contains(MirixClient.IdempotencyKeyHeader));
}

using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mirix.IntegrationTests.Infrastructure;

/// <summary>
/// A real HTTP server on loopback speaking the OpenAI protocol, since no model is reachable here. <c>/v1/embeddings</c>
/// answers deterministic bag-of-words vectors (texts sharing words are close) and records every request.
/// </summary>
public sealed class FakeOpenAiServer : IAsyncDisposable
{
    public const int Dimensions = 64;

    private readonly WebApplication _app;

    private FakeOpenAiServer(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>The API base, ending in <c>/v1</c>.</summary>
    public Uri BaseUrl { get; }

    public ConcurrentQueue<(string? Authorization, JsonObject Body)> EmbeddingRequests { get; } = new();

    public static async Task<FakeOpenAiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeOpenAiServer? server = null;
        app.MapPost("/v1/embeddings", async (HttpContext http) =>
        {
            var body = (await JsonNode.ParseAsync(http.Request.Body))!.AsObject();
            server!.EmbeddingRequests.Enqueue((http.Request.Headers.Authorization.ToString(), body));
            var inputs = body["input"] is JsonArray many ? many.Select(i => i!.GetValue<string>()).ToList() : [body["input"]!.GetValue<string>()];
            var base64 = (string?)body["encoding_format"] == "base64";
            var dimensions = (int?)body["dimensions"] ?? Dimensions; // text-embedding-3-* shorten their vectors on request
            var data = new JsonArray();
            for (var i = 0; i < inputs.Count; i++)
            {
                var vector = Embed(inputs[i], dimensions);
                data.Add(new JsonObject
                {
                    ["object"] = "embedding",
                    ["index"] = i,
                    ["embedding"] = base64 ? Convert.ToBase64String(MemoryMarshal.AsBytes(vector.AsSpan())) : new JsonArray(vector.Select(v => (JsonNode)v).ToArray()),
                });
            }
            return Results.Json(new JsonObject
            {
                ["object"] = "list",
                ["data"] = data,
                ["model"] = body["model"]?.DeepClone(),
                ["usage"] = new JsonObject { ["prompt_tokens"] = inputs.Count, ["total_tokens"] = inputs.Count },
            });
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new FakeOpenAiServer(app, new Uri(address + "/v1"));
        return server;
    }

    /// <summary>Words hashed into <paramref name="dimensions"/> buckets, normalised.</summary>
    public static float[] Embed(string text, int dimensions = Dimensions)
    {
        var vector = new float[dimensions];
        foreach (var word in System.Text.RegularExpressions.Regex.Split(text.ToLowerInvariant(), @"[^\p{L}\p{N}]+").Where(w => w.Length > 0))
        {
            var hash = 2166136261u;
            foreach (var b in Encoding.UTF8.GetBytes(word))
            {
                hash = unchecked((hash ^ b) * 16777619u);
            }
            vector[hash % (uint)dimensions] += 1;
        }
        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        if (norm == 0)
        {
            vector[0] = 1;
            return vector;
        }
        return vector.Select(v => v / norm).ToArray();
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

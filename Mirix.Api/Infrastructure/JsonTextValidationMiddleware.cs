using System.Buffers;
using System.Text.Json;

namespace Mirix.Api.Infrastructure;

/// <summary>
/// Where JSON enters: a body whose strings are not valid Unicode text (bytes that are not UTF-8, a lone UTF-16
/// surrogate such as <c>"\ud800"</c>, or a NUL character, which PostgreSQL cannot store) is refused with 400 naming the
/// field, before any endpoint sees it, so no route can fail on it later while storing, indexing or answering. A body
/// that is not JSON at all is left to the endpoint's binding, which refuses it with its own 400. The headers that
/// carry ids and keys into lookups are held to the same rule.
/// </summary>
internal static class JsonTextValidationMiddleware
{
    private static readonly string[] IdentityHeaders = ["X-API-Key", "X-Mirix-Client", "X-Client-Id", "X-Org-Id", "Idempotency-Key"];

    public static IApplicationBuilder UseJsonTextValidation(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (InvalidHeader(request.Headers) is { } headerProblem)
            {
                await RefuseAsync(context, headerProblem);
                return;
            }
            if (request.HasJsonContentType() && request.ContentLength != 0)
            {
                request.EnableBuffering();
                var body = await ReadAsync(request.Body, request.ContentLength, context.RequestAborted);
                request.Body.Position = 0;
                if (Invalid(body) is { } problem)
                {
                    await RefuseAsync(context, problem);
                    return;
                }
            }
            await next(context);
        });

    private static async Task RefuseAsync(HttpContext context, string problem)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = StatusCodes.Status400BadRequest, Title = "The request holds text that is not valid.", Detail = problem },
        });
    }

    /// <summary>Which id or key header is not valid text (a lone surrogate, a control character); null when none.</summary>
    private static string? InvalidHeader(IHeaderDictionary headers)
    {
        foreach (var name in IdentityHeaders)
        {
            if (headers.TryGetValue(name, out var values)
                && values.Any(v => v is not null && (v.Any(char.IsControl) || !IsWellFormed(v))))
            {
                return $"The {name} header is not valid text.";
            }
        }
        return null;
    }

    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }
        return true;
    }

    private static async Task<ReadOnlySequence<byte>> ReadAsync(Stream body, long? length, CancellationToken ct)
    {
        // The body's size is already bounded by the request size limit. With its length known it is read into one array
        // of that size: a growing MemoryStream would leave twice the body's size in large-object garbage.
        if (length is > 0 and <= int.MaxValue)
        {
            var bytes = new byte[length.Value];
            await body.ReadExactlyAsync(bytes, ct);
            return new ReadOnlySequence<byte>(bytes);
        }
        var buffer = new MemoryStream();
        await body.CopyToAsync(buffer, ct);
        return new ReadOnlySequence<byte>(buffer.GetBuffer(), 0, (int)buffer.Length); // no second copy
    }

    /// <summary>What is wrong with the first string that is not valid text, naming its place; null when all are valid.</summary>
    internal static string? Invalid(ReadOnlySequence<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 256 });
        var path = new List<(bool Array, int Index, string Name)>();
        string? property = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        path.Add((reader.TokenType == JsonTokenType.StartArray, 0, Name(path, property)));
                        property = null;
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        path.RemoveAt(path.Count - 1);
                        Advance(path);
                        break;
                    case JsonTokenType.PropertyName:
                        if (Problem(reader) is { } nameProblem)
                        {
                            return $"A field name in {Where(path, null)} {nameProblem}.";
                        }
                        property = reader.GetString();
                        break;
                    case JsonTokenType.String:
                        if (Problem(reader) is { } valueProblem)
                        {
                            return $"The field {Where(path, property)} {valueProblem}.";
                        }
                        property = null;
                        Advance(path);
                        break;
                    default:
                        property = null;
                        Advance(path);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            return null; // not JSON: the endpoint's binding answers 400
        }
        return null;
    }

    private static string? Problem(Utf8JsonReader reader)
    {
        string text;
        try
        {
            text = reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            return "is not valid UTF-8";
        }
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0')
            {
                return "contains a NUL character (\\u0000)";
            }
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return $"contains a lone UTF-16 surrogate (\\u{(int)c:x4}), which is not text";
            }
        }
        return null;
    }

    private static string Name(List<(bool Array, int Index, string Name)> path, string? property) =>
        path.Count > 0 && path[^1].Array ? $"[{path[^1].Index}]" : property ?? "";

    private static void Advance(List<(bool Array, int Index, string Name)> path)
    {
        if (path.Count > 0 && path[^1].Array)
        {
            path[^1] = path[^1] with { Index = path[^1].Index + 1 };
        }
    }

    private static string Where(List<(bool Array, int Index, string Name)> path, string? property)
    {
        var parts = path.Skip(1).Select(p => p.Name).Append(Name(path, property)).Where(p => p.Length > 0);
        var text = string.Concat(parts.Select((p, i) => i == 0 || p.StartsWith('[') ? p : "." + p));
        return text.Length == 0 ? "the body" : $"'{text}'";
    }
}

using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;

namespace Mirix.Api.Infrastructure;

/// <summary>
/// Refuses request bodies whose ids, names, labels or scopes exceed what the database columns hold, naming the field,
/// so an over-long value is a 400 on every storage engine instead of a database error on some.
/// </summary>
internal sealed class FieldLengthFilter : IEndpointFilter
{
    private static readonly ConcurrentDictionary<Type, (PropertyInfo Property, string Name, int Limit)[]> Checks = new();

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        foreach (var argument in context.Arguments)
        {
            if (argument is null || !IsRequestBody(argument.GetType()))
            {
                continue;
            }
            foreach (var (property, name, limit) in Checks.GetOrAdd(argument.GetType(), Describe))
            {
                var value = property.GetValue(argument);
                var tooLong = value switch
                {
                    string text => text.Length > limit,
                    IEnumerable<string> texts => texts.Any(t => t?.Length > limit),
                    _ => false,
                };
                if (tooLong)
                {
                    return Endpoints.Problems.Invalid($"{name} is longer than {limit} characters.");
                }
            }
        }
        return await next(context);
    }

    // Every request body is a record of Mirix.Contracts: the assembly, not a namespace string, says which.
    private static bool IsRequestBody(Type type) =>
        type.Assembly == typeof(AddMemoryRequest).Assembly && type.Name.EndsWith("Request", StringComparison.Ordinal);

    private static (PropertyInfo, string, int)[] Describe(Type type) =>
        type.GetProperties()
            .Select(p => (Property: p, Name: JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name)))
            .Select(p => (p.Property, p.Name, Limit: LimitFor(p.Name)))
            .Where(p => p.Limit > 0 && (p.Property.PropertyType == typeof(string) || typeof(IEnumerable<string>).IsAssignableFrom(p.Property.PropertyType)))
            .ToArray();

    // The column widths of Mirix.Core's entity configurations.
    private static int LimitFor(string name) => name switch
    {
        "id" or "user_id" or "client_id" or "org_id" or "organization_id" or "label" => 128,
        "name" or "write_scope" or "read_scopes" => 256,
        "email" => 320,
        "status" or "permission" or "sensitivity" => 32,
        _ when name.EndsWith("_id", StringComparison.Ordinal) => 128,
        _ when name.EndsWith("_type", StringComparison.Ordinal) => 64,
        _ => 0,
    };
}

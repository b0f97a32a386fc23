using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.AI;

namespace Mirix.Agents.Tools;

/// <summary>What calling a tool does to the run: reads, writes memory, hands work to the memory agents, or ends the run.</summary>
public enum ToolEffect
{
    Read,
    Write,
    Route,
    Finish,
}

/// <summary>A tool the model sees: MIRIX's name, our description, and a JSON schema generated from its argument record.</summary>
public sealed class AgentTool
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public AgentTool(string name, string description, Type arguments, ToolEffect effect)
    {
        Name = name;
        Effect = effect;
        Arguments = arguments;
        var schema = AIJsonUtilities.CreateJsonSchema(arguments, serializerOptions: Json);
        Declaration = AIFunctionFactory.CreateDeclaration(name, description, schema);
        Parameters = schema.TryGetProperty("properties", out var properties)
            ? properties.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal)
            : [];
    }

    public string Name { get; }
    public ToolEffect Effect { get; }
    public Type Arguments { get; }
    public AIFunctionDeclaration Declaration { get; }
    /// <summary>The top-level parameter names; anything else the model sends is dropped.</summary>
    public IReadOnlySet<string> Parameters { get; }

    /// <summary>The property names of an item record, which are the only fields an item may carry.</summary>
    public static IReadOnlySet<string> ItemFields<T>() =>
        typeof(T).GetProperties().Select(p => Json.PropertyNamingPolicy!.ConvertName(p.Name)).ToHashSet(StringComparer.Ordinal);
}

using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mirix.Agents.Llm;

/// <summary>The model an agent's stored <c>llm_config</c> asks for: a name among the operator's models, never an endpoint to call.</summary>
public static class RequestedModel
{
    public static string? Of(string? llmConfig)
    {
        if (string.IsNullOrWhiteSpace(llmConfig))
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(llmConfig)?["model"] is JsonValue value && value.TryGetValue<string>(out var model) ? model : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

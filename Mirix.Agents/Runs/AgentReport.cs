using System.Text.Json.Nodes;
using Mirix.Core.Domain;

namespace Mirix.Agents.Runs;

/// <summary>What one agent did in a run, reported on the operation: its calls, tokens, time, tool calls and failures.</summary>
public sealed class AgentReport(string agentType, string agentId)
{
    private readonly List<JsonObject> _toolCalls = [];
    private readonly List<string> _failures = [];
    private readonly List<AgentStep> _steps = [];

    public string AgentType => agentType;
    public string AgentId => agentId;
    public int LlmCalls => _steps.Count;
    public long PromptTokens => _steps.Sum(s => (long)s.PromptTokens);
    public long CompletionTokens => _steps.Sum(s => (long)s.CompletionTokens);
    /// <summary>One per LLM call, stored with the run's writes.</summary>
    public IReadOnlyList<AgentStep> Steps => _steps;
    public double DurationMs { get; set; }
    public IReadOnlyList<string> Failures => _failures;

    public void RecordStep(AgentStep step) => _steps.Add(step);

    public void RecordTool(string name, bool ok, string message)
    {
        _toolCalls.Add(new JsonObject { ["name"] = name, ["status"] = ok ? "OK" : "Failed", ["message"] = message.Length <= 300 ? message : message[..300] + "…" });
        if (!ok)
        {
            _failures.Add($"{name}: {message}");
        }
    }

    public void RecordFailure(string failure) => _failures.Add(failure);

    public JsonObject ToJson() => new()
    {
        ["agent_type"] = agentType,
        ["agent_id"] = agentId,
        ["llm_calls"] = LlmCalls,
        ["prompt_tokens"] = PromptTokens,
        ["completion_tokens"] = CompletionTokens,
        ["duration_ms"] = Math.Round(DurationMs, 1),
        ["tool_calls"] = new JsonArray([.. _toolCalls.Select(t => (JsonNode)t.DeepClone())]),
        ["failures"] = new JsonArray([.. _failures.Select(f => (JsonNode)f)]),
    };
}

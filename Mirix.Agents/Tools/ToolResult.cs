using System.Text.Json.Nodes;

namespace Mirix.Agents.Tools;

/// <summary>What a tool tells the model: MIRIX's <c>{status: OK|Failed, message}</c>. A failure is written so the model can correct its call.</summary>
public sealed record ToolResult(bool Ok, string Message)
{
    public static ToolResult Success(string message) => new(true, message);

    public static ToolResult Failed(string message) => new(false, message);

    public JsonObject ToJson() => new() { ["status"] = Ok ? "OK" : "Failed", ["message"] = Message };
}

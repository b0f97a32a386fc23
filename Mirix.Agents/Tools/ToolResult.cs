using System.Text.Json.Nodes;

namespace Mirix.Agents.Tools;

/// <summary>
/// What a tool tells the model: MIRIX's <c>{status: OK|Failed, message}</c>. A failure is written so the model can correct
/// its call; <see cref="NeedsReview"/> asks it to look again (an insert close to a stored item) before the agent stops.
/// </summary>
public sealed record ToolResult(bool Ok, string Message, bool NeedsReview = false)
{
    public static ToolResult Success(string message) => new(true, message);

    public static ToolResult Failed(string message) => new(false, message);

    public JsonObject ToJson() => new() { ["status"] = Ok ? "OK" : "Failed", ["message"] = Message };
}

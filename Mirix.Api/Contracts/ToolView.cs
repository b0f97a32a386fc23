using System.Text.Json;
using Mirix.Agents.Tools;

namespace Mirix.Api.Contracts;

/// <summary>
/// MIRIX's <c>Tool</c>: our built-in tools are the same for every organization, so their ids are stable
/// (<c>tool-&lt;name&gt;</c>) and they carry no source code: nothing a client sends is ever executed.
/// </summary>
public sealed record ToolView(
    string Id, string Name, string Description, string ToolType, string SourceType, IReadOnlyList<string> Tags, ToolSchema JsonSchema,
    int ReturnCharLimit, string OrganizationId, string? SourceCode)
{
    public const string IdPrefix = "tool-";

    public static ToolView From(AgentTool tool, string organizationId)
    {
        ArgumentNullException.ThrowIfNull(tool);
        return new ToolView(IdPrefix + tool.Name, tool.Name, tool.Declaration.Description, ToolCatalog.TypeOf(tool), "json", [],
            new ToolSchema(tool.Name, tool.Declaration.Description, tool.Declaration.JsonSchema), 6000, organizationId, null);
    }
}

/// <summary>The OpenAI function declaration MIRIX stores in <c>json_schema</c>.</summary>
public sealed record ToolSchema(string Name, string Description, JsonElement Parameters);

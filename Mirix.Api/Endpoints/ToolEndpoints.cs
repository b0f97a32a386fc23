using Mirix.Agents.Tools;
using Mirix.Core.Tenancy;

namespace Mirix.Api.Endpoints;

/// <summary>The tools the agents call, read-only: MIRIX's user-defined tools run client code on the server, which we never do.</summary>
public static class ToolEndpoints
{
    public static IEndpointRouteBuilder MapToolEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/tools").WithTags("Tools").RequireAuthorization();
        group.MapGet("", ListTools).WithName("ListTools").WithSummary("Lists the tools the agents can call, by name.");
        group.MapGet("/{toolId}", GetTool).WithName("GetTool").WithSummary("Gets one tool by id (tool-<name>) or by name.");
        return app;
    }

    public static Results<Ok<List<ToolView>>, ProblemHttpResult> ListTools(Caller caller, string? cursor = null, int? limit = null)
    {
        var size = limit ?? 50;
        if (size is < 1 or > 1000)
        {
            return Problems.Invalid("limit must be between 1 and 1000.");
        }
        var tools = ToolCatalog.All.OrderBy(t => t.Name, StringComparer.Ordinal).Select(t => ToolView.From(t, caller.OrganizationId));
        if (!string.IsNullOrEmpty(cursor))
        {
            tools = tools.Where(t => string.CompareOrdinal(t.Id, cursor) > 0);
        }
        return TypedResults.Ok(tools.Take(size).ToList());
    }

    public static Results<Ok<ToolView>, ProblemHttpResult> GetTool(string toolId, Caller caller)
    {
        var name = toolId.StartsWith(ToolView.IdPrefix, StringComparison.Ordinal) ? toolId[ToolView.IdPrefix.Length..] : toolId;
        var tool = ToolCatalog.All.FirstOrDefault(t => t.Name == name);
        return tool is null ? Problems.NotFound($"Tool {toolId} not found.") : TypedResults.Ok(ToolView.From(tool, caller.OrganizationId));
    }
}

using Mirix.Api.Infrastructure;

namespace Mirix.Api.Endpoints;

public static class MirixEndpoints
{
    /// <summary>Every route of the MIRIX-compatible REST surface.</summary>
    public static IEndpointRouteBuilder MapMirixEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var app = endpoints.MapGroup("").AddEndpointFilter<FieldLengthFilter>();
        app.MapRootEndpoints();
        app.MapAdminAuthEndpoints();
        app.MapOrganizationEndpoints();
        app.MapClientEndpoints();
        app.MapApiKeyEndpoints();
        app.MapUserEndpoints();
        app.MapAgentEndpoints();
        app.MapBlockEndpoints();
        app.MapMemoryComponentEndpoints();
        app.MapTypedMemoryEndpoints();
        app.MapRawMemoryEndpoints();
        app.MapIngestionEndpoints();
        app.MapAgentMessageEndpoints();
        app.MapSearchEndpoints();
        app.MapRetrieveEndpoints();
        app.MapAutoDreamEndpoints();
        app.MapToolEndpoints();
        app.MapConfigEndpoints();
        app.MapUnsupportedEndpoints();
        // MCP clients (Claude Desktop, VS Code, Cursor) reach the same memory with the same API keys.
        endpoints.MapMcp("/mcp").RequireAuthorization().WithTags("MCP");
        return endpoints;
    }
}

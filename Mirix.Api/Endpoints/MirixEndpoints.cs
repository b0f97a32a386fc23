namespace Mirix.Api.Endpoints;

public static class MirixEndpoints
{
    /// <summary>Every route of the MIRIX-compatible REST surface.</summary>
    public static IEndpointRouteBuilder MapMirixEndpoints(this IEndpointRouteBuilder app)
    {
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
        return app;
    }
}

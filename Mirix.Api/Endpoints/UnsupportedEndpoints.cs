namespace Mirix.Api.Endpoints;

/// <summary>
/// MIRIX routes we deliberately do not serve answer 501 with the reason, so a MIRIX client learns why instead of
/// meeting a bare 404.
/// </summary>
public static class UnsupportedEndpoints
{
    private static readonly (string Method, string Path, string Reason)[] Routes =
    [
        ("POST", "/tools", "user-defined tools would run client code on the server; the agents' tools are built in (GET /tools lists them)"),
        ("DELETE", "/tools/{toolId}", "the agents' tools are built in and cannot be deleted"),
        ("GET", "/agents/{agentId}/memory/archival", "MIRIX's SDK calls it but MIRIX itself has no such route; use GET /memory/components"),
        ("GET", "/agents/{agentId}/memory/recall", "MIRIX's SDK calls it but MIRIX itself has no such route; use GET /memory/search"),
        ("GET", "/agents/{agentId}/messages", "MIRIX's SDK calls it but MIRIX itself has no such route; use GET /memory/operations for what was sent"),
        ("GET", "/admin/dashboard-clients", "dashboard accounts are listed by the operator only; MIRIX answers 403 to everyone"),
    ];

    public static IEndpointRouteBuilder MapUnsupportedEndpoints(this IEndpointRouteBuilder app)
    {
        foreach (var (method, path, reason) in Routes)
        {
            app.MapMethods(path, [method], () => NotImplemented(method, path, reason))
                .WithTags("Not implemented").WithName($"Unsupported {method} {path}").WithSummary($"Not implemented: {reason}.");
        }
        return app;
    }

    public static ProblemHttpResult NotImplemented(string method, string path, string reason) => TypedResults.Problem(
        $"{method} {path} is a MIRIX route this server does not implement: {reason}.", statusCode: StatusCodes.Status501NotImplemented,
        title: "Not implemented");
}

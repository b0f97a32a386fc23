namespace Mirix.Api.Endpoints;

public static class RootEndpoints
{
    public static IEndpointRouteBuilder MapRootEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", RedirectToReference)
            .WithName("Root")
            .WithSummary("Redirects to the interactive API reference.")
            .ExcludeFromDescription();
        return app;
    }

    public static RedirectHttpResult RedirectToReference() => TypedResults.Redirect("/scalar");
}

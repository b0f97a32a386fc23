namespace Mirix.Api.Endpoints;

/// <summary>
/// ProblemDetails results with the <c>detail</c> the MIRIX SDK surfaces in its exceptions. As in MIRIX (FastAPI), a request
/// whose values break the route's rules (a required field missing, a number out of range, a value not among the allowed
/// ones) is a 422; a 400 is a body that cannot be read, or a well-formed request that cannot be served as asked.
/// </summary>
internal static class Problems
{
    public static ProblemHttpResult Invalid(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status422UnprocessableEntity);
    public static ProblemHttpResult BadRequest(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest);
    public static ProblemHttpResult Forbidden(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden);
    public static ProblemHttpResult NotFound(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound);
    public static ProblemHttpResult Conflict(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict);
}

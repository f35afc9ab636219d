namespace ServiceFlow.Web.Runtime;

/// A request the runtime refuses, with the HTTP status and a detail a person can act on.
/// The exception handler turns it into a ProblemDetails response.
internal sealed class RuntimeProblem(int status, string title, string detail) : Exception(detail)
{
    public int Status { get; } = status;
    public string Title { get; } = title;

    public static RuntimeProblem NotFound(string detail) => new(StatusCodes.Status404NotFound, "Not found", detail);
    public static RuntimeProblem Conflict(string detail) => new(StatusCodes.Status409Conflict, "Conflict", detail);
    public static RuntimeProblem Forbidden(string detail) => new(StatusCodes.Status403Forbidden, "Forbidden", detail);
    public static RuntimeProblem BadRequest(string detail) => new(StatusCodes.Status400BadRequest, "Bad request", detail);
}

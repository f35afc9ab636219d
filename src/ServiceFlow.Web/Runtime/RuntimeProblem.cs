using System.Globalization;
using System.Runtime.CompilerServices;

namespace ServiceFlow.Web.Runtime;

/// A request the runtime refuses, with the HTTP status and a detail a person can act on.
/// The exception handler turns it into a ProblemDetails response. Refusals written as interpolated strings
/// keep their template and arguments, so a page can show them in the reader's language
/// (`DisplayText.Problem`: the English template is the key in Localization/*.json); the API answers in English.
internal sealed class RuntimeProblem : Exception
{
    public RuntimeProblem(int status, string title, string detail) : this(status, title, detail, detail, null)
    {
    }

    RuntimeProblem(int status, string title, string detail, string? template, object?[]? arguments) : base(detail)
    {
        Status = status;
        Title = title;
        Template = template;
        Arguments = arguments ?? [];
    }

    public int Status { get; }
    public string Title { get; }
    public string? Template { get; }
    public object?[] Arguments { get; }

    public static RuntimeProblem NotFound(FormattableString detail) => Of(StatusCodes.Status404NotFound, "Not found", detail);
    public static RuntimeProblem Conflict(FormattableString detail) => Of(StatusCodes.Status409Conflict, "Conflict", detail);
    public static RuntimeProblem Forbidden(FormattableString detail) => Of(StatusCodes.Status403Forbidden, "Forbidden", detail);
    public static RuntimeProblem BadRequest(FormattableString detail) => Of(StatusCodes.Status400BadRequest, "Bad request", detail);

    // A plain string (built elsewhere, or a literal) has no arguments; its text is still its own key.
    [OverloadResolutionPriority(-1)] public static RuntimeProblem NotFound(string detail) => new(StatusCodes.Status404NotFound, "Not found", detail);
    [OverloadResolutionPriority(-1)] public static RuntimeProblem Conflict(string detail) => new(StatusCodes.Status409Conflict, "Conflict", detail);
    [OverloadResolutionPriority(-1)] public static RuntimeProblem Forbidden(string detail) => new(StatusCodes.Status403Forbidden, "Forbidden", detail);
    [OverloadResolutionPriority(-1)] public static RuntimeProblem BadRequest(string detail) => new(StatusCodes.Status400BadRequest, "Bad request", detail);

    /// A refusal with a status and title of its own, its detail still translatable by its template.
    public static RuntimeProblem Of(int status, string title, FormattableString detail) =>
        new(status, title, detail.ToString(CultureInfo.InvariantCulture), detail.Format, detail.GetArguments());
}

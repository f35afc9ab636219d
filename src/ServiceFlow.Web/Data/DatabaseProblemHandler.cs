using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace ServiceFlow.Web.Data;

/// Input the database refuses becomes a 400 (or 409) that names the column, not a 500: whatever path the
/// value took past the request rules (a page, a job, a value computed from input). The request rules
/// (Features/RequestRules) refuse most of it earlier with a better message; this is the floor under them.
internal sealed class DatabaseProblemHandler(IProblemDetailsService problems) : IExceptionHandler
{
    /// Raised by the archived-record triggers (migration SecApi): an archived ticket never changes.
    public const string ReadOnlyRecord = "SF423";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (Find(exception) is not { } postgres || Describe(postgres) is not var (status, detail))
            return false;
        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = { Status = status, Title = status == StatusCodes.Status409Conflict ? "Conflict" : "Bad request", Detail = detail },
            Exception = exception,
        });
    }

    static PostgresException? Find(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is PostgresException postgres)
                return postgres;
        }
        return null;
    }

    static (int Status, string Detail)? Describe(PostgresException e)
    {
        var field = e.ColumnName is { } column ? $"'{column}'" : "a value";
        return e.SqlState switch
        {
            ReadOnlyRecord => (StatusCodes.Status409Conflict, e.MessageText),
            PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter =>
                (StatusCodes.Status400BadRequest, "A text contains a character that cannot be stored (a NUL character, U+0000); remove it."),
            PostgresErrorCodes.NotNullViolation => (StatusCodes.Status400BadRequest, $"{field} is required."),
            PostgresErrorCodes.StringDataRightTruncation => (StatusCodes.Status400BadRequest, $"{field} is too long."),
            PostgresErrorCodes.NumericValueOutOfRange => (StatusCodes.Status400BadRequest, $"A number is out of range: {e.MessageText}."),
            PostgresErrorCodes.DatetimeFieldOverflow or PostgresErrorCodes.InvalidDatetimeFormat =>
                (StatusCodes.Status400BadRequest, $"A date or time is out of range: {e.MessageText}."),
            PostgresErrorCodes.InvalidTextRepresentation => (StatusCodes.Status400BadRequest, $"A value has the wrong form: {e.MessageText}."),
            PostgresErrorCodes.CheckViolation => (StatusCodes.Status400BadRequest, $"A value breaks the rule '{e.ConstraintName}'."),
            _ => null,
        };
    }
}

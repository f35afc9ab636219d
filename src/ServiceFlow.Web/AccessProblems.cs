using Microsoft.AspNetCore.Http;

namespace ServiceFlow.Web;

/// A 401 or 403 from the authorization policies arrives with a title only ("Forbidden"); a script's author then
/// cannot tell a missing token from a missing role. This says which it is. Endpoints that refuse for a reason of
/// their own (a feature's workflow, a ticket out of reach) write their own detail, which is kept.
internal static class AccessProblems
{
    public static void Explain(ProblemDetailsContext context)
    {
        if (!string.IsNullOrEmpty(context.ProblemDetails.Detail))
            return;
        var request = context.HttpContext.Request;
        context.ProblemDetails.Detail = context.ProblemDetails.Status switch
        {
            StatusCodes.Status401Unauthorized =>
                "Sign in first: send a bearer token from POST /api/auth/token (or a session cookie); a token that expired, or was revoked by signing out or a password change, no longer counts.",
            StatusCodes.Status403Forbidden =>
                $"Your account's roles do not allow {request.Method} {request.Path}. docs/security.md, \"Roles and permissions\", says which roles may.",
            _ => null,
        };
    }
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceFlow.Web.Features.Tickets;

namespace ServiceFlow.Web.Features;

/// What a person's browser shows for a page that answers with an error status and no body of its own (a record
/// that does not exist or is out of their reach, a form the server could not read, an upload over the server's
/// limit): a page in their language that says what happened and what to do, instead of the problem details an
/// API client gets. Pipeline: `UseStatusCodePagesWithReExecute` for requests that are not `/api` and accept HTML
/// (WebServiceCollectionExtensions). Opened directly, it answers with the status it describes.
[AllowAnonymous]
[IgnoreAntiforgeryToken]
internal sealed class StatusModel : PageModel
{
    public int Code { get; private set; }
    /// The size of a request body the server refused to read, and the most it reads, when that is why it failed.
    public (long Sent, long Limit)? TooLarge { get; private set; }

    // No handler parameters: binding one would make the form's value provider read the body of a re-executed
    // post again, and the body that failed once (too large) leaves every parameter at its default.
    public IActionResult OnGet() => Show();
    public IActionResult OnPost() => Show();

    IActionResult Show()
    {
        var code = int.TryParse(RouteData.Values["code"]?.ToString(), out var c) ? c : 0;
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null;
        Code = code is >= 400 and <= 599 ? code : StatusCodes.Status404NotFound;
        if (!reExecuted)
            Response.StatusCode = Code;
        if (Code is StatusCodes.Status400BadRequest or StatusCodes.Status413PayloadTooLarge
            && Request.ContentLength is { } sent
            && HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize is { } limit && sent > limit)
            TooLarge = (sent, limit);
        return Page();
    }

    public static string Size(long bytes) => AttachmentPolicy.Format(bytes);
}

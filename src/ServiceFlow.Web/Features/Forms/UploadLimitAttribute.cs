using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;
using ServiceFlow.Web.Features.Tickets;
using ServiceFlow.Web.Localization;

namespace ServiceFlow.Web.Features.Forms;

/// On a page whose form may carry files: caps the body at the attachment limit before anything reads the form
/// (the antiforgery check reads it, at order 1000), and refuses a body announced larger without reading it.
[AttributeUsage(AttributeTargets.Class)]
internal sealed class UploadLimitAttribute : Attribute, IAuthorizationFilter, IOrderedFilter
{
    public int Order => 900;

    public void OnAuthorization(AuthorizationFilterContext context)
    {
        var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<AttachmentOptions>>().Value;
        if (FormUploads.Limit(context.HttpContext, options) is { } refusal)
            context.Result = new ObjectResult(new ProblemDetails { Status = refusal.Status, Title = refusal.Title, Detail = context.HttpContext.Localize(refusal) }) { StatusCode = refusal.Status };
    }
}

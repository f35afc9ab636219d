using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using NetEscapades.AspNetCore.SecurityHeaders;

namespace ServiceFlow.Web;

/// Gives every `<script>` and `<style>` element in our pages this response's CSP nonce, so inline blocks
/// keep working under the Content-Security-Policy (HttpHardening) without anyone having to remember an
/// attribute. Markup injected through user text is escaped and never becomes an element here, so it
/// never gets a nonce.
[HtmlTargetElement("script")]
[HtmlTargetElement("style")]
public sealed class CspNonceTagHelper : TagHelper
{
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (ViewContext.HttpContext.GetNonce() is { Length: > 0 } nonce)
            output.Attributes.SetAttribute("nonce", nonce);
    }
}

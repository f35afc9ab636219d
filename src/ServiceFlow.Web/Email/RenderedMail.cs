namespace ServiceFlow.Web.Email;

internal sealed record RenderedMail(string Subject, string HtmlBody, string TextBody);

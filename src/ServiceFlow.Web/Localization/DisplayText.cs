using System.Globalization;
using Microsoft.Extensions.Localization;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Localization;

/// Values as people read them, in the page's language, from one key per value in `Localization/*.json`:
/// an enum member is `Type.Member` ("TicketStatus.InReview" → "In review" / "审核中"), a stored code is
/// `Category.code` ("ServiceType.after-sales", "Field.discoveredAt"). English has its own table (en.json) for
/// these keys, because the key is not the English text. A member without an entry shows its key, which the
/// page crawler test (tests/ServiceFlow.Browser.Tests/Localization) reports; enum names never reach a page.
internal static class DisplayText
{
    public static string Display(this IStringLocalizer l, Enum value) => l[$"{value.GetType().Name}.{value}"].Value;

    /// A field of a record or form by its name ("discoveredAt" → "Discovered at" / "发现时间").
    public static string Field(this IStringLocalizer l, string name) => l[$"Field.{name}"].Value;

    /// A stored code: its text when the category knows it, else the code as stored — a service type or
    /// severity an administrator added is the organisation's own word and is shown as they wrote it.
    public static string Code(this IStringLocalizer l, string category, string? code)
    {
        if (string.IsNullOrEmpty(code))
            return "—";
        var text = l[$"{category}.{code}"];
        return text.ResourceNotFound ? code : text.Value;
    }

    /// An SLA ladder step as people say it: "warning75" → "75% of the target used", "breach" → "target missed",
    /// "breach+PT1H" → "1 h after the target" (SlaLadder's kinds).
    public static string SlaStage(this IStringLocalizer l, string kind)
    {
        if (kind.StartsWith("warning", StringComparison.OrdinalIgnoreCase) && int.TryParse(kind[7..], NumberStyles.None, CultureInfo.InvariantCulture, out var percent))
            return l["{0}% of the target used", percent].Value;
        if (kind.Equals("breach", StringComparison.OrdinalIgnoreCase))
            return l["target missed"].Value;
        if (kind.StartsWith("breach+", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return l["{0} after the target", DurationText.Format(System.Xml.XmlConvert.ToTimeSpan(kind[7..]), CultureInfo.CurrentUICulture)].Value;
            }
            catch (FormatException)
            {
            }
        }
        return kind;
    }

    /// Who did something, as people read it: the runtime's own work (timers, SLA windows, mail intake, deployment)
    /// is recorded as the user "system", shown as "System" / "系统".
    public static string Actor(this IStringLocalizer l, string? userName) =>
        userName is null ? "—" : userName == "system" ? l["System"].Value : userName;

    public static string YesNo(this IStringLocalizer l, bool? value) => value switch { true => l["Yes"].Value, false => l["No"].Value, _ => "—" };

    /// A refusal shown on a page: its English template looked up like any text, filled with its arguments
    /// (an enum argument in the page's language too). The API keeps the English detail.
    public static string Problem(this IStringLocalizer l, RuntimeProblem problem) =>
        problem.Template is { } template
            ? l[template, [.. problem.Arguments.Select(a => a is Enum e ? l.Display(e) : a ?? "")]].Value
            : problem.Message;
}

internal static class PageText
{
    /// For page models, which show a refusal where the form was: `Error = HttpContext.Localize(problem)`.
    public static string Localize(this HttpContext http, RuntimeProblem problem) =>
        http.RequestServices.GetRequiredService<IStringLocalizer>().Problem(problem);
}

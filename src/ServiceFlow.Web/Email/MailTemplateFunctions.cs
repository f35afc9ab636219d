using System.Globalization;
using Scriban.Runtime;
using ServiceFlow.Engine.Calendar;
using ServiceFlow.Web.Localization;

namespace ServiceFlow.Web.Email;

// Functions the templates call, formatted for the template's culture and the desk's time zone:
// {{ format_datetime sla.due }}, {{ format_duration sla.remaining }} and {{ absolute_url link }}.
internal sealed class MailTemplateFunctions : ScriptObject
{
    public MailTemplateFunctions(CultureInfo culture, MailContext context)
    {
        this.Import("format_datetime", new Func<object?, string>(value => value switch
        {
            DateTimeOffset d => WithZone(TimeZoneInfo.ConvertTime(d, context.TimeZone)),
            DateTime d => d.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            null => "",
            _ => Convert.ToString(value, culture) ?? "",
        }));
        // Durations in mail are business time: ISO 8601 text from the outbox ("P1DT2H", days are working days),
        // a TimeSpan (whole 24 hours are working days) or .NET's "1.02:00:00" from an older outbox row.
        this.Import("format_duration", new Func<object?, string>(value => value switch
        {
            TimeSpan t => DurationText.Format(t, culture),
            string s when BusinessDuration.TryParse(s, out var d) => DurationText.Format(d, culture),
            string s when TimeSpan.TryParse(s, CultureInfo.InvariantCulture, out var t) => DurationText.Format(t, culture),
            null => "",
            _ => Convert.ToString(value, culture) ?? "",
        }));
        this.Import("absolute_url", new Func<object?, string>(value => context.Absolute(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "")));
    }

    private static string WithZone(DateTimeOffset local) =>
        $"{local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} ({DeskTime.Offset(local.Offset)})";
}

/// What a rendering needs beyond the model: the desk's time zone for times, and `ServiceFlow:PublicUrl` so that
/// a link such as `/survey/abc` becomes one a mail client can open.
internal sealed record MailContext(TimeZoneInfo TimeZone, Uri? PublicUrl)
{
    public static MailContext Default { get; } = new(TimeZoneInfo.FindSystemTimeZoneById(BusinessCalendar.DefaultTimeZoneId), null);

    public string Absolute(string pathOrUrl)
    {
        if (Uri.TryCreate(pathOrUrl, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
            return pathOrUrl;
        if (PublicUrl is null)
            return pathOrUrl;
        // The base may carry a path (https://example.com/desk/): keep it, whatever slashes either side has.
        return PublicUrl.AbsoluteUri.TrimEnd('/') + "/" + pathOrUrl.TrimStart('/');
    }
}

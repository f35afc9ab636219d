using System.Globalization;
using Scriban.Runtime;

namespace ServiceFlow.Web.Email;

// Functions the templates call, formatted for the template's culture:
// {{ format_datetime sla.due }} and {{ format_duration sla.remaining }}.
internal sealed class MailTemplateFunctions : ScriptObject
{
    public MailTemplateFunctions(CultureInfo culture)
    {
        var chinese = culture.TwoLetterISOLanguageName == "zh";
        this.Import("format_datetime", new Func<object?, string>(value => value switch
        {
            DateTimeOffset d => string.Create(CultureInfo.InvariantCulture, $"{d:yyyy-MM-dd HH:mm} (UTC{d:zzz})"),
            DateTime d => d.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            null => "",
            _ => Convert.ToString(value, culture) ?? "",
        }));
        this.Import("format_duration", new Func<object?, string>(value => value switch
        {
            TimeSpan t => FormatDuration(t.Duration(), chinese),
            null => "",
            _ => Convert.ToString(value, culture) ?? "",
        }));
    }

    private static string FormatDuration(TimeSpan t, bool chinese)
    {
        var parts = new List<string>();
        var (days, hours, minutes) = ((int)t.TotalDays, t.Hours, t.Minutes);
        if (chinese)
        {
            if (days > 0) { parts.Add($"{days} 天"); }
            if (hours > 0) { parts.Add($"{hours} 小时"); }
            if (minutes > 0) { parts.Add($"{minutes} 分钟"); }
            return parts.Count == 0 ? "不到 1 分钟" : string.Join(" ", parts);
        }

        if (days > 0) { parts.Add(days == 1 ? "1 day" : $"{days} days"); }
        if (hours > 0) { parts.Add(hours == 1 ? "1 hour" : $"{hours} hours"); }
        if (minutes > 0) { parts.Add(minutes == 1 ? "1 minute" : $"{minutes} minutes"); }
        return parts.Count == 0 ? "less than a minute" : string.Join(" ", parts);
    }
}

using System.Globalization;
using ServiceFlow.Engine.Calendar;

namespace ServiceFlow.Web.Localization;

/// Business durations as people say them: "1 business day 3 h", "1 个工作日 3 小时", "45 min", "45 分钟";
/// never ISO 8601 (`P1DT3H`) on a page or in mail. Minutes are the finest unit shown.
internal static class DurationText
{
    public static string Format(BusinessDuration duration, CultureInfo culture)
    {
        var chinese = culture.TwoLetterISOLanguageName == "zh";
        var (days, hours, minutes) = (duration.Days, (long)duration.Time.TotalHours, duration.Time.Minutes);
        var parts = new List<string>(3);
        if (days > 0)
            parts.Add(chinese ? $"{days} 个工作日" : days == 1 ? "1 business day" : $"{days} business days");
        if (hours > 0)
            parts.Add(chinese ? $"{hours} 小时" : $"{hours} h");
        if (minutes > 0)
            parts.Add(chinese ? $"{minutes} 分钟" : $"{minutes} min");
        if (parts.Count > 0)
            return string.Join(" ", parts);
        return duration.IsZero ? chinese ? "0 分钟" : "0 min" : chinese ? "不到 1 分钟" : "less than 1 min";
    }

    /// A stored span (whole 24 hours = a working day, `BusinessDuration.FromTimeSpan`) in words.
    public static string Format(TimeSpan span, CultureInfo culture) => Format(BusinessDuration.FromTimeSpan(span.Duration()), culture);

    public static string Format(BusinessDuration duration) => Format(duration, CultureInfo.CurrentUICulture);

    public static string Format(TimeSpan span) => Format(span, CultureInfo.CurrentUICulture);
}

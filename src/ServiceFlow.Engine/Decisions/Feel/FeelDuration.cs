using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ServiceFlow.Engine.Decisions.Feel;

/// <summary>FEEL <c>years and months duration</c>, kept as a whole number of months.</summary>
internal readonly record struct FeelMonths(int Total)
{
    public override string ToString()
    {
        var abs = Math.Abs(Total);
        var text = new StringBuilder(Total < 0 ? "-P" : "P");
        if (abs >= 12)
        {
            text.Append(CultureInfo.InvariantCulture, $"{abs / 12}Y");
        }

        if (abs % 12 != 0 || abs == 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{abs % 12}M");
        }

        return text.ToString();
    }
}

/// <summary>ISO-8601 durations as FEEL reads them: days and time (<see cref="TimeSpan"/>) or years and months.</summary>
internal static partial class FeelDuration
{
    [GeneratedRegex(@"^(?<neg>-)?P(?:(?<d>\d+)D)?(?:T(?:(?<h>\d+)H)?(?:(?<m>\d+)M)?(?:(?<s>\d+(?:\.\d+)?)S)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DayTime();

    [GeneratedRegex(@"^(?<neg>-)?P(?:(?<y>\d+)Y)?(?:(?<mo>\d+)M)?$", RegexOptions.CultureInvariant)]
    private static partial Regex YearMonth();

    /// <summary>Parses either kind; returns a <see cref="TimeSpan"/> or a <see cref="FeelMonths"/>.</summary>
    public static bool TryParse(string text, out object? value)
    {
        value = null;
        text = text.Trim();
        if (text is "P" or "-P" or "PT" or "-PT" || text.EndsWith('T'))
        {
            return false;
        }

        try
        {
            if (YearMonth().Match(text) is { Success: true } ym)
            {
                var months = (Number(ym, "y") * 12) + Number(ym, "mo");
                value = new FeelMonths(checked((int)(ym.Groups["neg"].Success ? -months : months)));
                return true;
            }

            if (DayTime().Match(text) is { Success: true } dt)
            {
                var seconds = dt.Groups["s"].Success ? decimal.Parse(dt.Groups["s"].Value, CultureInfo.InvariantCulture) : 0m;
                var span = TimeSpan.FromDays(Number(dt, "d")) + TimeSpan.FromHours(Number(dt, "h"))
                    + TimeSpan.FromMinutes(Number(dt, "m")) + TimeSpan.FromTicks((long)(seconds * TimeSpan.TicksPerSecond));
                value = dt.Groups["neg"].Success ? -span : span;
                return true;
            }
        }
        catch (OverflowException)
        {
            return false;
        }

        return false;
    }

    private static long Number(Match m, string group) =>
        m.Groups[group].Success ? long.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture) : 0;

    public static string Format(TimeSpan span)
    {
        var abs = span.Duration();
        var text = new StringBuilder(span < TimeSpan.Zero ? "-P" : "P");
        if (abs.Days > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{abs.Days}D");
        }

        var time = abs - TimeSpan.FromDays(abs.Days);
        if (time > TimeSpan.Zero || abs == TimeSpan.Zero)
        {
            text.Append('T');
            if (time.Hours > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"{time.Hours}H");
            }

            if (time.Minutes > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"{time.Minutes}M");
            }

            var seconds = (decimal)(time.Ticks % TimeSpan.TicksPerMinute) / TimeSpan.TicksPerSecond;
            if (seconds > 0 || abs == TimeSpan.Zero)
            {
                text.Append(CultureInfo.InvariantCulture, $"{seconds:0.#######}S");
            }
        }

        return text.ToString();
    }
}

using System.Globalization;
using Microsoft.AspNetCore.Html;
using ServiceFlow.Web.Features.Sla;

namespace ServiceFlow.Web.Localization;

/// Times as people read and enter them: in the desk's time zone, which is the zone of the `default` business
/// calendar (Asia/Shanghai unless an administrator changes it), to the minute, with the zone's offset beside them.
/// One zone for everyone: the desk works in one place (seed 002 §6), and a time said on the phone means the same
/// to every colleague. The server's own zone never matters.
internal sealed class DeskTime(SlaCalendars calendars)
{
    const string Minute = "yyyy-MM-dd HH:mm";
    const string InputMinute = "yyyy-MM-ddTHH:mm";

    public TimeZoneInfo Zone => calendars.Get(null).TimeZone;

    public DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// "2026-06-01 09:00"; callers label the zone nearby (a column or field label), or use `WithZone`/`Html`.
    public string Format(DateTimeOffset instant) => Local(instant).ToString(Minute, CultureInfo.InvariantCulture);

    /// "2026-06-01 09:00 (UTC+8)".
    public string WithZone(DateTimeOffset instant)
    {
        var local = Local(instant);
        return $"{local.ToString(Minute, CultureInfo.InvariantCulture)} ({Offset(local.Offset)})";
    }

    /// A `<time>` element: the desk's wall-clock time to the minute with its offset, the instant in `datetime`.
    public IHtmlContent Html(DateTimeOffset? instant)
    {
        if (instant is not { } t)
            return HtmlString.Empty;
        var local = Local(t);
        var utc = t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        return new HtmlString($"<time datetime=\"{utc}\" title=\"{Zone.Id}\">{local.ToString(Minute, CultureInfo.InvariantCulture)} <small class=\"tz\">{Offset(local.Offset)}</small></time>");
    }

    /// What a field label says: "Asia/Shanghai, UTC+8".
    public string ZoneLabel(DateTimeOffset now) => $"{Zone.Id}, {Offset(TimeZoneInfo.ConvertTime(now, Zone).Offset)}";

    /// The value of a `datetime-local` input: minutes only, so a whole minute such as 09:00 is a valid step.
    public string InputValue(DateTimeOffset instant) => Local(instant).ToString(InputMinute, CultureInfo.InvariantCulture);

    /// A wall-clock time typed into a form, read in the desk's zone. A time a clock change skips means the first
    /// instant after the gap; a repeated one its first pass (as business calendars read working hours).
    public DateTimeOffset FromInput(DateTime wallClock)
    {
        var wall = DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified);
        var zone = Zone;
        while (zone.IsInvalidTime(wall))
            wall = wall.AddMinutes(1);
        var offset = zone.IsAmbiguousTime(wall) ? zone.GetAmbiguousTimeOffsets(wall).Max() : zone.GetUtcOffset(wall);
        return new DateTimeOffset(wall, offset).ToUniversalTime();
    }

    /// "UTC+8", "UTC+5:30", "UTC-3", "UTC".
    public static string Offset(TimeSpan offset)
    {
        if (offset == TimeSpan.Zero)
            return "UTC";
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        var abs = offset.Duration();
        return abs.Minutes == 0
            ? string.Create(CultureInfo.InvariantCulture, $"UTC{sign}{abs.Hours}")
            : string.Create(CultureInfo.InvariantCulture, $"UTC{sign}{abs.Hours}:{abs.Minutes:00}");
    }
}

using System.ComponentModel.DataAnnotations;
using ServiceFlow.Engine.Calendar;

namespace ServiceFlow.Web.Features.Sla;

/// A business duration as the policy form takes it: working days, hours and minutes in three number fields,
/// so nobody has to write ISO 8601 (`P1DT3H`) or guess how many hours a day has.
public sealed class DurationInput
{
    [Range(0, 365)] public int? Days { get; set; }
    [Range(0, 23)] public int? Hours { get; set; }
    [Range(0, 59)] public int? Minutes { get; set; }

    public bool IsEmpty => (Days ?? 0) == 0 && (Hours ?? 0) == 0 && (Minutes ?? 0) == 0;

    public static DurationInput From(TimeSpan? stored)
    {
        if (stored is not { } span)
            return new DurationInput();
        var d = BusinessDuration.FromTimeSpan(span);
        return new DurationInput { Days = d.Days, Hours = (int)d.Time.TotalHours, Minutes = d.Time.Minutes };
    }

    /// The ISO 8601 text the API takes ("" when empty); out-of-range parts are refused with the field's name.
    public string ToIso(string field)
    {
        if (Days is < 0 or > 365 || Hours is < 0 or > 23 || Minutes is < 0 or > 59)
            throw new ArgumentException($"{field}: working days 0–365, hours 0–23, minutes 0–59.");
        return IsEmpty ? "" : new BusinessDuration(Days ?? 0, new TimeSpan(Hours ?? 0, Minutes ?? 0, 0)).ToString();
    }
}

namespace ServiceFlow.Engine.Calendar;

/// <summary>
/// Immutable business-time arithmetic for SLA clocks and timers: a time zone, weekly working hours
/// (several ranges a day), holidays, and extra working days (make-up days such as China's 调休).
/// </summary>
/// <remarks>
/// <para>Working ranges are local wall-clock times on each date, half-open: the start is working time, the end is not.</para>
/// <para>Daylight saving: a wall-clock time is placed at the first instant the local clock reads at least that time.
/// A range crossing a skipped hour is therefore shortened by it (02:30 in a 02:00→03:00 gap means 03:00), and a range
/// covering a repeated hour counts real elapsed time, so it runs one hour longer; a bound inside the repeated hour
/// means its first pass.</para>
/// <para>All results are in the calendar's zone offset; inputs may carry any offset.</para>
/// </remarks>
public sealed partial class BusinessCalendar
{
    /// <summary>The desk's zone when none is given.</summary>
    public const string DefaultTimeZoneId = "Asia/Shanghai";

    private static readonly WorkingRange[] DeskHours = [new(TimeSpan.FromHours(8), TimeSpan.FromHours(17))];

    // Ranges as flattened (start, end) minute pairs, merged where adjacent; holidays map to an empty array.
    private readonly int[][] weekly = new int[7][];
    private readonly Dictionary<DateOnly, int[]> dated = [];
    private readonly DateOnly[] datedSorted;
    private readonly long weekTicks;
    private readonly IReadOnlyList<DateOnly> holidays;
    private readonly IReadOnlyDictionary<DateOnly, IReadOnlyList<WorkingRange>> extraWorkingDays;
    private readonly IReadOnlyDictionary<DayOfWeek, IReadOnlyList<WorkingRange>> weeklyHours;

    /// <summary>Creates a calendar and checks its definition.</summary>
    /// <param name="name">Name timers and SLA policies refer to.</param>
    /// <param name="timeZoneId">IANA (or Windows) zone id; defaults to <see cref="DefaultTimeZoneId"/>.</param>
    /// <param name="weeklyHours">Ranges per weekday; a missing day is closed. Null means every day 08:00–17:00.</param>
    /// <param name="holidays">Dates that are closed whatever their weekday.</param>
    /// <param name="extraWorkingDays">Dates worked with these ranges instead of their weekday's hours.</param>
    /// <exception cref="ArgumentException">Unknown zone, overlapping ranges, no weekly hours, or a date both holiday and working day.</exception>
    public BusinessCalendar(
        string name,
        string timeZoneId = DefaultTimeZoneId,
        IReadOnlyDictionary<DayOfWeek, IReadOnlyList<WorkingRange>>? weeklyHours = null,
        IEnumerable<DateOnly>? holidays = null,
        IReadOnlyDictionary<DateOnly, IReadOnlyList<WorkingRange>>? extraWorkingDays = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        TimeZone = FindZone(timeZoneId);

        this.weeklyHours = weeklyHours ?? Enum.GetValues<DayOfWeek>().ToDictionary(d => d, _ => (IReadOnlyList<WorkingRange>)DeskHours);
        foreach (var day in Enum.GetValues<DayOfWeek>())
        {
            weekly[(int)day] = this.weeklyHours.TryGetValue(day, out var ranges) ? Normalize(ranges, day.ToString()) : [];
            weekTicks += Length(weekly[(int)day]) * TimeSpan.TicksPerMinute;
        }

        if (weekTicks == 0)
        {
            throw new ArgumentException("A business calendar needs working hours on at least one weekday.", nameof(weeklyHours));
        }

        this.holidays = (holidays ?? []).Distinct().Order().ToArray();
        this.extraWorkingDays = extraWorkingDays ?? new Dictionary<DateOnly, IReadOnlyList<WorkingRange>>();
        foreach (var (date, ranges) in this.extraWorkingDays)
        {
            if (ranges.Count == 0)
            {
                throw new ArgumentException($"Extra working day {date:yyyy-MM-dd} has no working ranges; list it as a holiday instead.", nameof(extraWorkingDays));
            }

            dated[date] = Normalize(ranges, $"{date:yyyy-MM-dd}");
        }

        foreach (var date in this.holidays)
        {
            if (!dated.TryAdd(date, []))
            {
                throw new ArgumentException($"{date:yyyy-MM-dd} is both a holiday and an extra working day.", nameof(holidays));
            }
        }

        datedSorted = [.. dated.Keys.Order()];
    }

    /// <summary>The desk's calendar: Asia/Shanghai, every day 08:00–17:00, no holidays.</summary>
    public static BusinessCalendar Default { get; } = new("default");

    /// <summary>Name timers and SLA policies refer to.</summary>
    public string Name { get; }

    /// <summary>Zone in which working hours are read and results are expressed.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>Returns a copy with <paramref name="additionalHolidays"/> (for example from <see cref="IcsHolidayImporter"/>) added.</summary>
    public BusinessCalendar WithHolidays(IEnumerable<DateOnly> additionalHolidays) =>
        new(Name, TimeZone.Id, weeklyHours, holidays.Concat(additionalHolidays), extraWorkingDays);

    private static TimeZoneInfo FindZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new ArgumentException($"Unknown time zone '{id}'; use an IANA id such as Asia/Shanghai.", nameof(id), e);
        }
    }

    private static int[] Normalize(IReadOnlyList<WorkingRange> ranges, string where)
    {
        var sorted = ranges.OrderBy(r => r.Start).ToList();
        var minutes = new List<int>();
        for (var i = 0; i < sorted.Count; i++)
        {
            if (i > 0 && sorted[i].Start < sorted[i - 1].End)
            {
                throw new ArgumentException($"Working ranges on {where} overlap: {sorted[i - 1]} and {sorted[i]}.", nameof(ranges));
            }

            if (minutes.Count > 0 && minutes[^1] == sorted[i].StartMinute)
            {
                minutes[^1] = sorted[i].EndMinute; // adjacent ranges merge so a boundary is not a break
            }
            else
            {
                minutes.Add(sorted[i].StartMinute);
                minutes.Add(sorted[i].EndMinute);
            }
        }

        return [.. minutes];
    }

    private static long Length(int[] ranges)
    {
        long total = 0;
        for (var i = 0; i < ranges.Length; i += 2)
        {
            total += ranges[i + 1] - ranges[i];
        }

        return total;
    }
}

using System.ComponentModel;

namespace ServiceFlow.Web.Features.Reports.Measures;

/// The query string every report endpoint takes (pages build the same one for drill-down and export).
/// Dimension filters may repeat (`priority=P1&priority=P2`); "-" stands for "no value recorded".
public sealed class ReportRequest
{
    [Description("First day, yyyy-MM-dd in the desk's time zone (default: the first day of the month eleven months ago).")]
    public string? From { get; set; }
    [Description("Day after the last, yyyy-MM-dd (exclusive; default: the first day of next month).")]
    public string? To { get; set; }
    [Description("day, week, month, quarter, halfyear, year, or a dimension: channel, serviceType, serviceObject, priority, group, handler, department, customer, customerType, cause.")]
    public string? GroupBy { get; set; }
    [Description("Measure keys (see docs/reports.md); default: the dashboard's set.")]
    public string[]? Measures { get; set; }
    [Description("\"desk\" (default) or the id of an import.")]
    public string? Source { get; set; }
    public string[]? Channel { get; set; }
    public string[]? ServiceType { get; set; }
    public string[]? ServiceObject { get; set; }
    public string[]? Priority { get; set; }
    public string[]? Group { get; set; }
    public string[]? Handler { get; set; }
    public string[]? Department { get; set; }
    public string[]? Customer { get; set; }
    [Description("Customer type code as recorded (individual, enterprise, government, internal, or the organisation's own list); \"-\" for none.")]
    public string[]? CustomerType { get; set; }
    [Description("Cause category: people, process, technology, environment.")]
    public string[]? Cause { get; set; }
    [Description("Recorded on this weekday, 1 = Monday … 7 = Sunday (desk time).")]
    public int? Weekday { get; set; }
    [Description("Recorded in this hour of the day, 0–23 (desk time).")]
    public int? Hour { get; set; }
    [Description("Survey score 1–5 (drill-down of the satisfaction distribution).")]
    public int? Score { get; set; }
}

using System.Security.Claims;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Reports.Measures;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Reports.Scheduled;

public sealed record SubscriptionRequest(string? Name, string? Report, string[]? Measures, string? GroupBy, string? Filters, string? Period,
    string[]? Roles, string[]? People);

public sealed record SubscriptionDto(Guid Id, string Name, string Report, IReadOnlyList<string> Measures, string? GroupBy, string Filters, string Period,
    IReadOnlyList<string> Roles, IReadOnlyList<string> People, string Owner, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyList<string> Sent);

/// What a subscription may be and who may manage it (docs/reports.md, "Scheduled reports"): report readers mail any
/// report to roles and people who may read reports themselves; anyone may mail themselves their own figures (`me`).
/// A reader manages every subscription; anyone else only their own.
internal static class SubscriptionRules
{
    public static readonly IReadOnlyList<string> Reports = ["desk", "quality", "management", "scorecard", "me", "measures"];

    public static bool MayManage(ClaimsPrincipal user, ReportSubscription s) =>
        ReportPolicies.SeesReports(user) || s.Owner.Equals(user.Identity?.Name, StringComparison.OrdinalIgnoreCase);

    /// Checks the request and writes it into `s`; throws RuntimeProblem (400 naming the field, 403 saying who may).
    public static async Task ApplyAsync(ServiceFlowDbContext db, ReportSubscription s, SubscriptionRequest r, ClaimsPrincipal user, TimeZoneInfo zone,
        DateTimeOffset now, CancellationToken ct)
    {
        var me = user.Identity?.Name ?? "";
        var reader = ReportPolicies.SeesReports(user);
        var name = r.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200)
            throw RuntimeProblem.BadRequest("name is required (at most 200 characters): it is the mail's subject.");
        var report = Reports.FirstOrDefault(k => k.Equals(r.Report?.Trim() ?? "", StringComparison.OrdinalIgnoreCase))
            ?? throw RuntimeProblem.BadRequest($"report is one of {string.Join(", ", Reports)}.");
        if (!Enum.TryParse<ReportPeriod>(r.Period?.Trim(), ignoreCase: true, out var period) || !Enum.IsDefined(period) || int.TryParse(r.Period, out _))
            throw RuntimeProblem.BadRequest("period is daily, weekly, monthly or quarterly.");
        var roles = Clean(r.Roles);
        var people = Clean(r.People);
        if (report == "me")
        {
            // Your own figures go to you alone: they are about you, and nobody else may read them by mail.
            if (roles.Count > 0 || people.Any(p => !p.Equals(me, StringComparison.OrdinalIgnoreCase)))
                throw RuntimeProblem.BadRequest("A 'me' report holds the subscriber's own figures and goes to them alone: leave roles empty and people empty or yourself.");
            people = [me];
        }
        else if (!reader)
            throw RuntimeProblem.Forbidden("Reports of the whole desk are scheduled by supervisors, quality supervisors, process owners, auditors and administrators; you may subscribe yourself to your own figures (report 'me').");
        if (roles.Count + people.Count == 0)
            throw RuntimeProblem.BadRequest("Name at least one recipient: roles and/or people.");
        if (roles.FirstOrDefault(x => !ReportPolicies.ReportRoles.Contains(x, StringComparer.OrdinalIgnoreCase)) is { } role)
            throw RuntimeProblem.BadRequest($"Role '{role}' does not read reports; recipients are {string.Join(", ", ReportPolicies.ReportRoles)}.");
        roles = [.. roles.Select(x => ReportPolicies.ReportRoles.First(k => k.Equals(x, StringComparison.OrdinalIgnoreCase)))];
        people = await CheckPeopleAsync(db, people, report == "me", ct);

        var measures = report switch
        {
            "measures" => ReportsApi.ParseMeasures(r.Measures is { Length: > 0 } ? r.Measures : throw RuntimeProblem.BadRequest("measures are required for a 'measures' report.")).Select(m => m.Key).ToList(),
            _ => [],
        };
        var groupBy = string.IsNullOrWhiteSpace(r.GroupBy) ? null : r.GroupBy.Trim();
        if (report == "scorecard")
            groupBy = Scorecards.Scorecard.By.FirstOrDefault(b => b.Equals(groupBy ?? "handler", StringComparison.OrdinalIgnoreCase))
                ?? throw RuntimeProblem.BadRequest($"A scorecard is by {string.Join(", ", Scorecards.Scorecard.By)}.");
        else if (report != "measures")
            groupBy = null;
        var filters = r.Filters?.Trim().TrimStart('?') ?? "";
        // Parsed as the report will be, so a bad filter or grouping is refused now, not at 07:00 by a job.
        var request = ToRequest(filters);
        request.GroupBy = groupBy;
        ReportScope.Parse(request, zone, now, report == "me" ? me : null);

        (s.Name, s.Report, s.Measures, s.GroupBy, s.Filters, s.Period, s.RecipientRoles, s.RecipientPeople, s.UpdatedAt) =
            (name, report, measures, groupBy, filters, period, roles, people, now);
    }

    /// The stored filter as a report request: dimension filters, cause, weekday, hour, score and source only.
    public static ReportRequest ToRequest(string filters)
    {
        if (filters.Length > 2000)
            throw RuntimeProblem.BadRequest("filters are at most 2000 characters.");
        var q = QueryHelpers.ParseQuery(filters);
        var known = new HashSet<string>(ReportScope.Dimensions.Keys.Concat(["cause", "weekday", "hour", "score", "source"]), StringComparer.OrdinalIgnoreCase);
        if (q.Keys.FirstOrDefault(k => !known.Contains(k)) is { } unknown)
            throw RuntimeProblem.BadRequest($"filters: '{unknown}' is not a filter; use {string.Join(", ", known)} (period, grouping and measures are set by the subscription).");
        string[]? V(string k) => q.TryGetValue(k, out var v) ? [.. v.OfType<string>()] : null;
        int? I(string k) => q.TryGetValue(k, out var v) ? int.TryParse(v.ToString(), out var i) ? i : throw RuntimeProblem.BadRequest($"filters: {k} must be a whole number.") : null;
        return new ReportRequest
        {
            Channel = V("channel"),
            ServiceType = V("serviceType"),
            ServiceObject = V("serviceObject"),
            Priority = V("priority"),
            Group = V("group"),
            Handler = V("handler"),
            Department = V("department"),
            Customer = V("customer"),
            CustomerType = V("customerType"),
            Cause = V("cause"),
            Weekday = I("weekday"),
            Hour = I("hour"),
            Score = I("score"),
            Source = V("source")?.FirstOrDefault(),
        };
    }

    static List<string> Clean(string[]? values) =>
        [.. (values ?? []).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct(StringComparer.OrdinalIgnoreCase)];

    static async Task<List<string>> CheckPeopleAsync(ServiceFlowDbContext db, List<string> people, bool self, CancellationToken ct)
    {
        if (people.Count > 100)
            throw RuntimeProblem.BadRequest("At most 100 people; name a role for more.");
        var normalized = people.Select(p => p.ToUpperInvariant()).ToList();
        var users = await db.Users.AsNoTracking().Where(u => normalized.Contains(u.NormalizedUserName!)).Select(u => new { u.Id, u.UserName, u.Email }).ToListAsync(ct);
        if (people.FirstOrDefault(p => !users.Any(u => u.UserName!.Equals(p, StringComparison.OrdinalIgnoreCase))) is { } missing)
            throw RuntimeProblem.BadRequest($"There is no user '{missing}'.");
        if (users.FirstOrDefault(u => string.IsNullOrWhiteSpace(u.Email)) is { } noMail)
            throw RuntimeProblem.BadRequest($"{noMail.UserName} has no e-mail address; an administrator adds one on the user.");
        if (!self)
        {
            var ids = users.Select(u => u.Id).ToList();
            var readers = await Readers(db).Where(id => ids.Contains(id)).ToListAsync(ct);
            if (users.FirstOrDefault(u => !readers.Contains(u.Id)) is { } notReader)
                throw RuntimeProblem.BadRequest($"{notReader.UserName} does not read reports (roles {string.Join(", ", ReportPolicies.ReportRoles)}); they may subscribe to their own figures.");
        }
        return [.. users.Select(u => u.UserName!)];
    }

    /// Ids of the users holding a report role.
    public static IQueryable<string> Readers(ServiceFlowDbContext db)
    {
        var roles = ReportPolicies.ReportRoles.Select(r => r.ToUpperInvariant()).ToList();
        return db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.NormalizedName })
            .Where(x => roles.Contains(x.NormalizedName!)).Select(x => x.UserId);
    }

    public static SubscriptionDto Dto(ReportSubscription s, IReadOnlyList<string> sent) => new(s.Id, s.Name, s.Report, s.Measures, s.GroupBy, s.Filters,
        s.Period.ToString().ToLowerInvariant(), s.RecipientRoles, s.RecipientPeople, s.Owner, s.CreatedAt, s.UpdatedAt, sent);
}

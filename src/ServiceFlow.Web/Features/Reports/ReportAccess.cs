using System.Security.Claims;
using ServiceFlow.Web.Features.Reports.Measures;
using ServiceFlow.Web.Features.Sla;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Reports;

/// Who sees which figures (docs/reports.md, "Who sees what"): supervisors, quality supervisors, process owners,
/// auditors and administrators see every report; everyone else sees their own scorecard — the same measures
/// over the tickets they recorded or handle, by period only.
internal static class ReportPolicies
{
    public const string Reports = "Reports";
    public const string Targets = "ReportTargets";
    public const string Imports = "ReportImports";
    public const string Analyses = "PeriodAnalyses";
    public const string AnalysisEditors = "PeriodAnalysisEditors";

    public static readonly string[] ReportRoles = [Roles.Supervisor, Roles.QualitySupervisor, Roles.ProcessOwner, Roles.Auditor, Roles.Admin];
    public static readonly string[] TargetRoles = [Roles.Admin, Roles.QualitySupervisor];
    public static readonly string[] ImportRoles = [Roles.Admin, Roles.ProcessOwner, Roles.QualitySupervisor];
    /// The periodic analyses: quality writes them, management (the supervisors) reviews them, auditors read them.
    public static readonly string[] AnalysisRoles = [Roles.QualitySupervisor, Roles.Supervisor, Roles.Auditor, Roles.Admin];
    public static readonly string[] AnalysisEditorRoles = [Roles.QualitySupervisor, Roles.Admin];

    public static void Add(Microsoft.AspNetCore.Authorization.AuthorizationOptions o)
    {
        o.AddPolicy(Reports, p => p.RequireRole(ReportRoles));
        o.AddPolicy(Targets, p => p.RequireRole(TargetRoles));
        o.AddPolicy(Imports, p => p.RequireRole(ImportRoles));
        o.AddPolicy(Analyses, p => p.RequireRole(AnalysisRoles));
        o.AddPolicy(AnalysisEditors, p => p.RequireRole(AnalysisEditorRoles));
    }

    public static bool SeesReports(ClaimsPrincipal user) => ReportRoles.Any(user.IsInRole);

    public static bool EditsTargets(ClaimsPrincipal user) => TargetRoles.Any(user.IsInRole);

    public static bool RunsImports(ClaimsPrincipal user) => ImportRoles.Any(user.IsInRole);

    public static bool ReadsAnalyses(ClaimsPrincipal user) => AnalysisRoles.Any(user.IsInRole);

    /// The request as this user may see it; a scorecard user is held to their own tickets (and told what they may not ask for).
    public static ReportScope Scope(ReportRequest request, ClaimsPrincipal user, SlaCalendars calendars, TimeProvider clock)
    {
        var zone = calendars.Get("default").TimeZone;
        if (SeesReports(user))
            return ReportScope.Parse(request, zone, clock.GetUtcNow(), mine: null);
        if (request.Source is { Length: > 0 } source && !source.Equals(Facts.ReportFact.DeskSource, StringComparison.OrdinalIgnoreCase))
            throw RuntimeProblem.Forbidden("Imported history is shown to supervisors, quality supervisors, process owners, auditors and administrators.");
        var scope = ReportScope.Parse(request, zone, clock.GetUtcNow(), user.Identity?.Name ?? "");
        if (scope.GroupBy is not null && !scope.GroupsByPeriod)
            throw RuntimeProblem.Forbidden("Your scorecard shows your own tickets by period; grouping by people or other dimensions is for supervisors and quality staff.");
        return scope;
    }
}

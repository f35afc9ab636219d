namespace ServiceFlow.Web.Security;

/// The roles of REQUIREMENTS.md "Who uses it".
public static class Roles
{
    public const string FrontLine = "FrontLine";
    public const string Supervisor = "Supervisor";
    public const string TechSupport = "TechSupport";
    public const string ProcessOwner = "ProcessOwner";
    public const string QualitySupervisor = "QualitySupervisor";
    public const string Auditor = "Auditor";
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All =
        [FrontLine, Supervisor, TechSupport, ProcessOwner, QualitySupervisor, Auditor, Admin];

    /// Auditors read everything and are given no work: someone who is only an auditor has no inbox to open.
    public static bool GetsWork(System.Security.Claims.ClaimsPrincipal user) =>
        !user.IsInRole(Auditor) || All.Any(role => role != Auditor && user.IsInRole(role));
}

/// Authorization policy names; every endpoint and page names one (or the authenticated fallback).
public static class Policies
{
    public const string Admin = "Admin";
    public const string ProcessOwner = "ProcessOwner";
    public const string Staff = "Staff";
    public const string Operator = "Operator";
}

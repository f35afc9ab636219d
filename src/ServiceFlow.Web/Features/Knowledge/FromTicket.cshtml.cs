using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Localization;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Knowledge;

/// The ticket page's "create a knowledge draft from this solution" button posts here.
internal sealed class FromTicketModel(ServiceFlowDbContext db, TimeProvider clock) : PageModel
{
    public string Number { get; private set; } = "";
    public string? Error { get; private set; }

    public IActionResult OnGet(string number) => Redirect($"/tickets/{Uri.EscapeDataString(number)}");

    public async Task<IActionResult> OnPostAsync(string number, CancellationToken ct)
    {
        Number = number;
        try
        {
            var (article, created) = await KnowledgeDrafts.FromTicketAsync(db, number, User, clock, ct);
            return Redirect(created ? $"/knowledge/{article.Id}/edit" : $"/knowledge/{article.Id}/edit?existing=true");
        }
        catch (RuntimeProblem problem)
        {
            Error = HttpContext.Localize(problem);
            Response.StatusCode = problem.Status;
            return Page();
        }
    }
}

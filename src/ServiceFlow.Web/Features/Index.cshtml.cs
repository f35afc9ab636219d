using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceFlow.Web.Data;

namespace ServiceFlow.Web.Features;

internal sealed class IndexModel(UserManager<AppUser> users) : PageModel
{
    public string DisplayName { get; private set; } = "";
    public IReadOnlyList<string> Roles { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var me = await users.GetUserAsync(User);
        DisplayName = me?.DisplayName ?? User.Identity?.Name ?? "";
        Roles = me is null ? [] : [.. await users.GetRolesAsync(me)];
    }
}

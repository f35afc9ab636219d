using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceFlow.Web.Data;

namespace ServiceFlow.Web.Features.Account;

internal sealed class LogoutModel(SignInManager<AppUser> signIn, UserManager<AppUser> users) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    /// Signing out ends every session of the person, here and elsewhere, and their bearer tokens: a
    /// copied cookie or a forgotten browser is closed too (SessionValidation checks the new stamp).
    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is { } me)
            await users.UpdateSecurityStampAsync(me);
        await signIn.SignOutAsync();
        return LocalRedirect("/account/login");
    }
}

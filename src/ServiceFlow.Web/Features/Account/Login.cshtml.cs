using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceFlow.Web.Data;

namespace ServiceFlow.Web.Features.Account;

[AllowAnonymous]
internal sealed class LoginModel(SignInManager<AppUser> signIn) : PageModel
{
    public sealed class InputModel
    {
        [Required] public string UserName { get; set; } = "";
        [Required] public string Password { get; set; } = "";
        public bool RememberMe { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            Error = "Unknown user name or wrong password.";
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(Input.UserName, Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        Error = result.IsLockedOut
            ? "Too many failed attempts; the account is locked for a few minutes."
            : "Unknown user name or wrong password.";
        return Page();
    }
}

using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using ServiceFlow.Web.Data;

namespace ServiceFlow.Web.Features.Account;

/// A person changes their own password (PasswordPolicy). Every other session and token of theirs ends;
/// this browser stays signed in with a fresh cookie.
internal sealed class PasswordModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, IStringLocalizer text) : PageModel
{
    public sealed class InputModel
    {
        [Required] public string CurrentPassword { get; set; } = "";
        [Required] public string NewPassword { get; set; } = "";
        [Required] public string ConfirmPassword { get; set; } = "";
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public bool Changed { get; private set; }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } me)
            return Challenge();
        if (!ModelState.IsValid)
        {
            Errors = [text["Fill in all three fields."]];
            return Page();
        }
        if (Input.NewPassword != Input.ConfirmPassword)
        {
            Errors = [text["The new password and its confirmation differ."]];
            return Page();
        }
        var result = await users.ChangePasswordAsync(me, Input.CurrentPassword, Input.NewPassword);
        if (!result.Succeeded)
        {
            Errors = [.. result.Errors.Select(e => PasswordPolicy.Describe(e, text))];
            return Page();
        }
        await signIn.RefreshSignInAsync(me);
        Changed = true;
        return Page();
    }
}

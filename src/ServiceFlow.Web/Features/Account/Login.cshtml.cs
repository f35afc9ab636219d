using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceFlow.Web.Data;

namespace ServiceFlow.Web.Features.Account;

[AllowAnonymous]
internal sealed class LoginModel(PasswordSignIn passwords, SignInManager<AppUser> signIn) : PageModel
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
    public int RetryAfterSeconds { get; private set; }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            Error = PasswordSignIn.WrongCredentials;
            return Page();
        }
        var result = await passwords.CheckAsync(Input.UserName, Input.Password, HttpContext);
        switch (result.Outcome)
        {
            case PasswordSignIn.Outcome.Succeeded:
                await signIn.SignInAsync(result.User!, Input.RememberMe);
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
            case PasswordSignIn.Outcome.Throttled:
                Error = SignInRateLimiting.TooManyMessage;
                RetryAfterSeconds = result.RetryAfterSeconds;
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                return Page();
            default:
                Error = result.Outcome == PasswordSignIn.Outcome.LockedOut ? PasswordSignIn.LockedOut : PasswordSignIn.WrongCredentials;
                return Page();
        }
    }
}

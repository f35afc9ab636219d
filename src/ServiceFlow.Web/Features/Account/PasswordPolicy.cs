using System.Collections.Frozen;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using ServiceFlow.Web.Data;

namespace ServiceFlow.Web.Features.Account;

/// The password rules (seed 001 §7.2: strong passwords), after NIST SP 800-63B: length counts, composition
/// rules do not. At least 12 characters and 5 different ones (Identity's own checks, configured in
/// AddServiceFlowAuth), not one of the 10,000 most common passwords even with digits or symbols around
/// it ("Password2024!" is "password"), and not containing the user name. Applies wherever a password is
/// set: the built-in admin, users created by an administrator, password changes.
internal sealed class PasswordPolicy : IPasswordValidator<AppUser>
{
    public const int MinimumLength = 12;
    public const int MinimumDistinctCharacters = 5;
    public const string CommonCode = "PasswordTooCommon";
    public const string UserNameCode = "PasswordContainsUserName";
    public const string CommonMessage = "This password is one of the most common passwords (or one with digits or symbols added). Choose a longer phrase of your own.";
    public const string UserNameMessage = "The password must not contain the user name.";

    static readonly FrozenSet<string> Common = Load();

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
            return Task.FromResult(IdentityResult.Success); // Identity's own length rule answers for an empty one
        var errors = new List<IdentityError>();
        if (IsCommon(password))
            errors.Add(new IdentityError { Code = CommonCode, Description = CommonMessage });
        if (user.UserName is { Length: >= 3 } name && password.Contains(name, StringComparison.OrdinalIgnoreCase))
            errors.Add(new IdentityError { Code = UserNameCode, Description = UserNameMessage });
        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }

    public static bool IsCommon(string password)
    {
        var lower = password.ToLowerInvariant();
        var core = lower.Trim().TrimStart(NotLetters).TrimEnd(NotLetters);
        return Common.Contains(lower) || (core.Length > 0 && Common.Contains(core));
    }

    /// A person reads the rule they broke in their own language; the API keeps Identity's English text.
    public static string Describe(IdentityError error, IStringLocalizer text) => error.Code switch
    {
        nameof(IdentityErrorDescriber.PasswordTooShort) => text["Passwords must be at least {0} characters.", MinimumLength],
        nameof(IdentityErrorDescriber.PasswordRequiresUniqueChars) => text["Passwords must use at least {0} different characters.", MinimumDistinctCharacters],
        nameof(IdentityErrorDescriber.PasswordMismatch) => text["The current password is wrong."],
        CommonCode => text[CommonMessage],
        UserNameCode => text[UserNameMessage],
        _ => error.Description,
    };

    static readonly char[] NotLetters = [.. Enumerable.Range(0x20, 0x7F - 0x20).Select(c => (char)c).Where(c => !char.IsAsciiLetter(c))];

    static FrozenSet<string> Load()
    {
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream("ServiceFlow.Web.Features.Account.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-password list is not embedded in the assembly.");
        using var reader = new StreamReader(stream);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
            if (line.Length > 0 && !line.StartsWith('#'))
                words.Add(line.ToLowerInvariant());
        return words.ToFrozenSet(StringComparer.Ordinal);
    }
}

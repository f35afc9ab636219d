using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using ServiceFlow.Web.Data;

namespace ServiceFlow.Web.Features.Account;

/// Identity gives a user a new security stamp when the password changes, not when roles change or the
/// account is locked. Here those do too, so cookies and bearer tokens issued before end at once
/// (SessionValidation) instead of carrying the old roles or outliving the lock.
internal sealed class AppUserManager(
    IUserStore<AppUser> store, IOptions<IdentityOptions> options, IPasswordHasher<AppUser> hasher,
    IEnumerable<IUserValidator<AppUser>> userValidators, IEnumerable<IPasswordValidator<AppUser>> passwordValidators,
    ILookupNormalizer normalizer, IdentityErrorDescriber errors, IServiceProvider services, ILogger<UserManager<AppUser>> logger, TimeProvider clock)
    : UserManager<AppUser>(store, options, hasher, userValidators, passwordValidators, normalizer, errors, services, logger)
{
    public override async Task<IdentityResult> AddToRoleAsync(AppUser user, string role) =>
        await NewStampIfSucceeded(user, await base.AddToRoleAsync(user, role));

    public override async Task<IdentityResult> AddToRolesAsync(AppUser user, IEnumerable<string> roles) =>
        await NewStampIfSucceeded(user, await base.AddToRolesAsync(user, roles));

    public override async Task<IdentityResult> RemoveFromRoleAsync(AppUser user, string role) =>
        await NewStampIfSucceeded(user, await base.RemoveFromRoleAsync(user, role));

    public override async Task<IdentityResult> RemoveFromRolesAsync(AppUser user, IEnumerable<string> roles) =>
        await NewStampIfSucceeded(user, await base.RemoveFromRolesAsync(user, roles));

    public override async Task<IdentityResult> SetLockoutEndDateAsync(AppUser user, DateTimeOffset? lockoutEnd)
    {
        var result = await base.SetLockoutEndDateAsync(user, lockoutEnd);
        return lockoutEnd > clock.GetUtcNow() ? await NewStampIfSucceeded(user, result) : result;
    }

    async Task<IdentityResult> NewStampIfSucceeded(AppUser user, IdentityResult result) =>
        result.Succeeded ? await UpdateSecurityStampAsync(user) : result;
}

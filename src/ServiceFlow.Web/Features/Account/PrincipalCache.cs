using System.Collections.Concurrent;
using System.Security.Claims;

namespace ServiceFlow.Web.Features.Account;

/// Principals built from a user's rows (user, claims, roles, each role's claims: about 17 statements),
/// kept per user and security stamp. A caller reads the user's current stamp first (one primary-key
/// read), so a role change, a lock-out or a new password — each gives a new stamp (AppUserManager) —
/// misses the cache and takes effect on the very next request, on every node. Bounded: when full, the
/// whole cache is dropped (entries are cheap to rebuild, and a stale stamp is never served anyway).
internal sealed class PrincipalCache
{
    public const int Capacity = 1024;

    readonly ConcurrentDictionary<(string UserId, string Stamp), ClaimsPrincipal> principals = new();

    public async Task<ClaimsPrincipal> GetOrBuildAsync(string userId, string stamp, Func<Task<ClaimsPrincipal>> build)
    {
        if (principals.TryGetValue((userId, stamp), out var cached))
            return cached.Clone(); // each request may add claims or identities to its own copy
        var principal = await build();
        if (principals.Count >= Capacity)
            principals.Clear();
        foreach (var old in principals.Keys.Where(k => k.UserId == userId))
            principals.TryRemove(old, out _);
        principals[(userId, stamp)] = principal;
        return principal.Clone();
    }

    public int Count => principals.Count;
}

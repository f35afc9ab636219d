using System.Net;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace ServiceFlow.Web.Features.Account;

internal sealed class SignInThrottleOptions
{
    /// Per client address, over every account (password spraying): a token bucket of this many sign-in requests…
    public int ClientBurst { get; set; } = 30;
    /// …refilled by this many a minute.
    public int ClientPerMinute { get; set; } = 10;
    /// Per client and account: wrong passwords allowed before the client must wait.
    public int FreeFailures { get; set; } = 3;
    /// The wait doubles with each further wrong password, up to this.
    public int MaxDelaySeconds { get; set; } = 900;
}

/// Back-off for one client guessing one account's password. It is keyed by client address and user name
/// together, so a stranger's wrong guesses slow down the stranger only: the real user, from their own
/// address, signs in as usual (Identity's lockout, which anyone could trigger for any account, is off).
/// Kept in this node's memory like ASP.NET Core's rate limiters: with several nodes behind a balancer
/// the effective limit is per node, which still turns a guessing run from seconds into days.
internal sealed class SignInThrottle(TimeProvider clock, IOptions<SignInThrottleOptions> options) : IDisposable
{
    // Its own bounded cache: guesses at made-up names must not grow memory without limit.
    readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    sealed class Failures
    {
        public int Count;
        public DateTimeOffset NotBefore;
    }

    /// How long this client must still wait before trying this account again; null when it may try now.
    public TimeSpan? RetryAfter(IPAddress? client, string userName)
    {
        if (!cache.TryGetValue(Key(client, userName), out Failures? failures) || failures is null)
            return null;
        lock (failures)
        {
            var wait = failures.NotBefore - clock.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : null;
        }
    }

    public void Failed(IPAddress? client, string userName)
    {
        var o = options.Value;
        var failures = cache.GetOrCreate(Key(client, userName), entry =>
        {
            entry.SlidingExpiration = TimeSpan.FromSeconds(Math.Max(o.MaxDelaySeconds, 60) * 2);
            entry.Size = 1;
            return new Failures();
        })!;
        lock (failures)
        {
            failures.Count++;
            var beyond = failures.Count - o.FreeFailures;
            if (beyond > 0)
                failures.NotBefore = clock.GetUtcNow() + TimeSpan.FromSeconds(Math.Min(Math.Pow(2, Math.Min(beyond - 1, 20)), o.MaxDelaySeconds));
        }
    }

    public void Succeeded(IPAddress? client, string userName) => cache.Remove(Key(client, userName));

    public void Dispose() => cache.Dispose();

    static string Key(IPAddress? client, string userName) =>
        $"signin:{client?.ToString() ?? "-"}:{userName.Trim().ToUpperInvariant()}";
}

using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using ServiceFlow.Web.Data;

namespace ServiceFlow.Web.Features.Account;

/// The one password check behind the sign-in page and POST /api/auth/token. An unknown user name costs
/// the same work as a real one (a password hash is verified either way) and gets the same answer, so
/// neither the message nor the time tells whether an account exists. Wrong guesses slow down the client
/// that made them (SignInThrottle), never the account's owner.
internal sealed class PasswordSignIn(UserManager<AppUser> users, IPasswordHasher<AppUser> hasher, SignInThrottle throttle, ILogger<PasswordSignIn> log)
{
    public const string WrongCredentials = "Unknown user name or wrong password.";
    public const string LockedOut = "This account is locked. Ask an administrator to unlock it.";

    public enum Outcome { Succeeded, Failed, LockedOut, Throttled }

    public sealed record Result(Outcome Outcome, AppUser? User = null, TimeSpan RetryAfter = default)
    {
        public int RetryAfterSeconds => (int)Math.Ceiling(RetryAfter.TotalSeconds);
    }

    static readonly AppUser Nobody = new() { UserName = "nobody" };
    static string? nobodysHash;

    public async Task<Result> CheckAsync(string userName, string password, HttpContext http)
    {
        var client = http.Connection.RemoteIpAddress;
        if (throttle.RetryAfter(client, userName) is { } wait)
            return new Result(Outcome.Throttled, RetryAfter: wait);

        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            // Same hasher, same iterations as a stored hash: the answer takes as long as for a real account.
            nobodysHash ??= hasher.HashPassword(Nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)));
            hasher.VerifyHashedPassword(Nobody, nobodysHash, password);
            return Failed(client, userName);
        }
        if (!await users.CheckPasswordAsync(user, password))
            return Failed(client, userName);

        throttle.Succeeded(client, userName);
        // Only someone who knows the password learns that the account is locked.
        return await users.IsLockedOutAsync(user) ? new Result(Outcome.LockedOut) : new Result(Outcome.Succeeded, user);
    }

    Result Failed(System.Net.IPAddress? client, string userName)
    {
        throttle.Failed(client, userName);
        log.LogWarning("Failed sign-in for {UserName} from {Client}", userName, client);
        return new Result(Outcome.Failed);
    }
}

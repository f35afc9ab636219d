using System.Globalization;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace ServiceFlow.Web.Features.Account;

/// Per client address: at most SignIn:ClientBurst sign-in requests at once, refilled by
/// SignIn:ClientPerMinute, over all accounts; beyond that 429 with Retry-After. Only the two sign-in
/// posts are counted, so a busy person's pages and API calls never are.
internal static class SignInRateLimiting
{
    public static IServiceCollection AddSignInProtection(this IServiceCollection services)
    {
        services.AddOptions<SignInThrottleOptions>().BindConfiguration("SignIn")
            .Validate(o => o.ClientBurst > 0 && o.ClientPerMinute > 0 && o.FreeFailures >= 0 && o.MaxDelaySeconds > 0,
                "SignIn:ClientBurst, ClientPerMinute and MaxDelaySeconds must be positive, FreeFailures zero or more.")
            .ValidateOnStart();
        services.AddSingleton<SignInThrottle>();
        services.AddScoped<PasswordSignIn>();
        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => IsSignIn(http.Request)
                ? RateLimitPartition.GetTokenBucketLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ =>
                {
                    var limits = http.RequestServices.GetRequiredService<IOptions<SignInThrottleOptions>>().Value;
                    return new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = limits.ClientBurst,
                        TokensPerPeriod = limits.ClientPerMinute,
                        ReplenishmentPeriod = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    };
                })
                : RateLimitPartition.GetNoLimiter(""));
            o.OnRejected = (context, ct) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
                return TooManyAttempts(context.HttpContext, wait);
            };
        });
        return services;
    }

    static bool IsSignIn(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && (request.Path.Equals("/account/login", StringComparison.OrdinalIgnoreCase) || request.Path.Equals("/api/auth/token", StringComparison.OrdinalIgnoreCase));

    public const string TooManyMessage = "Too many sign-in attempts from your address. Try again in {0} seconds.";
    static readonly CompositeFormat TooManyFormat = CompositeFormat.Parse(TooManyMessage);

    public static string TooManyDetail(int seconds) => string.Format(CultureInfo.InvariantCulture, TooManyFormat, seconds);

    /// 429 with Retry-After: a ProblemDetails for the API, a sentence in the page's language for people.
    public static async ValueTask TooManyAttempts(HttpContext http, TimeSpan wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        if (http.Request.Path.StartsWithSegments("/api"))
        {
            await TypedResults.Problem(TooManyDetail(seconds),
                statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests").ExecuteAsync(http);
            return;
        }
        var text = http.RequestServices.GetRequiredService<IStringLocalizer>()[TooManyMessage, seconds];
        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync(text);
    }
}

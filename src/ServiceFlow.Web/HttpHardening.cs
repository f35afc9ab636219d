using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using NetEscapades.AspNetCore.SecurityHeaders.Infrastructure;

namespace ServiceFlow.Web;

/// Response headers every page, API answer and static file carries, and the trust in a reverse proxy
/// that makes them (and the Secure cookie) right behind TLS termination. See docs/security.md.
internal static class HttpHardening
{
    const int OneYear = 365 * 24 * 60 * 60;
    const string Hangfire = "hangfire";

    public static IServiceCollection AddHttpHardening(this IServiceCollection services)
    {
        // X-Forwarded-For/-Proto are believed from loopback (ASP.NET's default) and from the proxies and
        // networks configured here; from anyone else they are ignored, so a client cannot claim https or
        // another address (which the sign-in throttle keys on).
        services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>((o, configuration) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in configuration.GetSection("ReverseProxy:KnownProxies").Get<string[]>() ?? [])
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in configuration.GetSection("ReverseProxy:KnownNetworks").Get<string[]>() ?? [])
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
        services.AddSecurityHeaderPolicies()
            .SetDefaultPolicy(p => Policy(p, hangfire: false))
            .AddPolicy(Hangfire, p => Policy(p, hangfire: true))
            // Headers are chosen as the response starts; by then the dashboard has moved "/hangfire" into PathBase.
            .SetPolicySelector(c => c.HttpContext.Request.PathBase.Add(c.HttpContext.Request.Path).StartsWithSegments("/hangfire")
                ? c.ConfiguredPolicies[Hangfire] : c.SelectedPolicy);
        // Kestrel writes its Server header after every middleware has run; it names the server and nothing useful.
        services.Configure<KestrelServerOptions>(o => o.AddServerHeader = false);
        services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        return services;
    }

    public static WebApplication UseHttpHardening(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        return app;
    }

    /// Scripts and style blocks run only from our own files or with this response's nonce (every
    /// inline block gets it from CspNonceTagHelper); style attributes stay allowed because bpmn-js
    /// draws with them. No framing, no plugins, no foreign form targets. Hangfire's dashboard (admins
    /// only, not our markup) injects style elements from its script, so there styles may be inline.
    static void Policy(HeaderPolicyCollection policy, bool hangfire) => policy
        .AddContentSecurityPolicy(csp =>
        {
            csp.AddDefaultSrc().Self();
            csp.AddScriptSrc().Self().WithNonce();
            if (hangfire)
                csp.AddStyleSrc().Self().UnsafeInline();
            else
                csp.AddStyleSrc().Self().WithNonce();
            csp.AddStyleSrcAttr().UnsafeInline();
            csp.AddImgSrc().Self().Data().Blob();
            csp.AddFontSrc().Self().Data();
            csp.AddConnectSrc().Self();
            csp.AddObjectSrc().None();
            csp.AddBaseUri().Self();
            csp.AddFormAction().Self();
            csp.AddFrameAncestors().None();
        })
        .AddFrameOptionsDeny()
        .AddContentTypeOptionsNoSniff()
        // Survey links carry their token in the path: never send it to another site.
        .AddReferrerPolicySameOrigin()
        .AddCrossOriginOpenerPolicy(b => b.SameOrigin())
        .AddPermissionsPolicy(b =>
        {
            b.AddCamera().None();
            b.AddMicrophone().None();
            b.AddGeolocation().None();
        })
        // Sent only on https requests (directly or via a trusted proxy); not for a developer's localhost,
        // where it would stick in the browser for every other local site.
        .AddStrictTransportSecurity(OneYear, includeSubdomains: false, preload: false, excludedHosts: ["localhost", "127.0.0.1", "[::1]"])
        .RemoveServerHeader();
}

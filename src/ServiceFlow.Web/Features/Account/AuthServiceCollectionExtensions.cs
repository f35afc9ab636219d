using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using ServiceFlow.Web.Data;

namespace ServiceFlow.Web.Features.Account;

internal static class AuthServiceCollectionExtensions
{
    const string SmartScheme = "ServiceFlow";

    /// People sign in with a cookie; scripts call /api with a bearer token (an Identity token from
    /// POST /api/auth/token, or SERVICEFLOW_ADMIN_TOKEN). Everything requires an authenticated user
    /// unless it says otherwise.
    public static WebApplicationBuilder AddServiceFlowAuth(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddIdentityCore<AppUser>(o =>
            {
                // PasswordPolicy: length and a common-password list instead of composition rules.
                o.Password.RequiredLength = PasswordPolicy.MinimumLength;
                o.Password.RequiredUniqueChars = PasswordPolicy.MinimumDistinctCharacters;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                // Accounts are locked by an administrator only; wrong passwords slow down the guesser (SignInThrottle).
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<ServiceFlowDbContext>()
            .AddUserManager<AppUserManager>()
            .AddPasswordValidator<PasswordPolicy>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.AddSignInProtection();
        services.AddSingleton<PrincipalCache>();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SmartScheme;
                o.DefaultChallengeScheme = SmartScheme;
            })
            .AddPolicyScheme(SmartScheme, "Cookie or bearer", o => o.ForwardDefaultSelector = SelectScheme)
            .AddBearerToken(IdentityConstants.BearerScheme)
            .AddScheme<AuthenticationSchemeOptions, AdminTokenHandler>(AdminTokenHandler.SchemeName, null)
            .AddIdentityCookies();

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/denied";
            o.Cookie.Name = "serviceflow.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            // Secure whenever the request is https, also behind a TLS-terminating proxy (forwarded headers).
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = SessionValidation.ValidateCookieAsync;
            // An API caller gets a status code, not a redirect to an HTML page.
            o.Events.OnRedirectToLogin = ctx => ApiAware(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx, StatusCodes.Status403Forbidden);
        });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.ProcessOwner, p => p.RequireRole(Roles.Admin, Roles.ProcessOwner))
            .AddPolicy(Policies.Staff, p => p.RequireAuthenticatedUser())
            // Operators look after running processes: cancel, retry incidents, migrate.
            .AddPolicy(Policies.Operator, p => p.RequireRole(Roles.Admin, Roles.ProcessOwner, Roles.Supervisor));

        services.AddHostedService<IdentitySeeder>();
        return builder;
    }

    static string SelectScheme(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return IdentityConstants.ApplicationScheme;
        return AdminTokenHandler.Matches(context, header["Bearer ".Length..].Trim())
            ? AdminTokenHandler.SchemeName
            : IdentityConstants.BearerScheme;
    }

    static Task ApiAware(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}

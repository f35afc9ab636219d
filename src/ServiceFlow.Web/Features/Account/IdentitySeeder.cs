using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using ServiceFlow.Web.Data;

namespace ServiceFlow.Web.Features.Account;

/// Creates the roles and the built-in `admin` account on first start. The password comes from
/// SERVICEFLOW_ADMIN_PASSWORD; unset, a random one is generated and printed once (only its hash is stored).
internal sealed class IdentitySeeder(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<IdentitySeeder> log) : IHostedService
{
    public const string AdminUserName = "admin";
    public const string PasswordConfigKey = "SERVICEFLOW_ADMIN_PASSWORD";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role))
                Check(await roles.CreateAsync(new IdentityRole(role)));

        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByNameAsync(AdminUserName) is not null)
            return;
        var password = configuration[PasswordConfigKey];
        var generated = string.IsNullOrEmpty(password);
        if (generated)
            password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('/', 'x').Replace('+', 'y');
        var admin = new AppUser { UserName = AdminUserName, DisplayName = "Administrator", EmailConfirmed = true };
        var created = await users.CreateAsync(admin, password!);
        if (!created.Succeeded && !generated)
            throw new InvalidOperationException($"{PasswordConfigKey} does not meet the password policy (docs/security.md): "
                + string.Join(" ", created.Errors.Select(e => e.Description)));
        Check(created);
        Check(await users.AddToRolesAsync(admin, Roles.All));
        if (generated)
        {
            // Printed once, on purpose to the console rather than the log sinks; it is stored nowhere in plain text.
            Console.WriteLine($"ServiceFlow: created user 'admin' with the generated password: {password}");
            Console.WriteLine("ServiceFlow: set SERVICEFLOW_ADMIN_PASSWORD before the first start to choose it yourself.");
        }
        else
        {
            log.LogInformation("Created user admin with the password from SERVICEFLOW_ADMIN_PASSWORD");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException("Seeding accounts failed: " + string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}

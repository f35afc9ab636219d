using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;

namespace ServiceFlow.Web.Features.Admin;

/// Administrators manage people and their roles (seed 001 §6).
internal static class UsersApi
{
    public sealed record CreateUserRequest([property: Required] string UserName, [property: Required] string Password,
        string? DisplayName, string? Email, string? Culture, string[]? Roles);
    public sealed record UserDto(string UserName, string? DisplayName, string? Email, string? Culture, IReadOnlyList<string> Roles);

    public static void MapUsersApi(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/admin/users").WithTags("Admin").RequireAuthorization(Policies.Admin);

        users.MapGet("/", async (UserManager<AppUser> manager, CancellationToken ct) =>
        {
            var list = await manager.Users.OrderBy(u => u.UserName).ToListAsync(ct);
            var result = new List<UserDto>(list.Count);
            foreach (var u in list)
                result.Add(new UserDto(u.UserName!, u.DisplayName, u.Email, u.Culture, [.. await manager.GetRolesAsync(u)]));
            return TypedResults.Ok(result);
        });

        users.MapPost("/", async Task<Results<Created<UserDto>, ValidationProblem, ProblemHttpResult>> (CreateUserRequest request, UserManager<AppUser> manager) =>
        {
            var unknown = (request.Roles ?? []).Except(Roles.All, StringComparer.Ordinal).ToList();
            if (unknown.Count > 0)
                return Problems.BadRequest($"Unknown role(s): {string.Join(", ", unknown)}. Roles: {string.Join(", ", Roles.All)}.");
            if (await manager.FindByNameAsync(request.UserName) is not null)
                return Problems.Conflict($"A user named '{request.UserName}' exists already.");
            var user = new AppUser { UserName = request.UserName, DisplayName = request.DisplayName, Email = request.Email, Culture = request.Culture, EmailConfirmed = true };
            var created = await manager.CreateAsync(user, request.Password);
            if (!created.Succeeded)
                return TypedResults.ValidationProblem(created.Errors.GroupBy(e => e.Code.Contains("Password", StringComparison.Ordinal) ? "password" : "userName")
                    .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray()));
            if (request.Roles is { Length: > 0 } roles)
                await manager.AddToRolesAsync(user, roles);
            return TypedResults.Created($"/api/admin/users/{user.UserName}", new UserDto(user.UserName!, user.DisplayName, user.Email, user.Culture, request.Roles ?? []));
        });
    }
}

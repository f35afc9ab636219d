using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Inbox;

/// The person a supervisor assigns a task to, as the runner checks them: with their roles and groups,
/// so it can tell whether they are a candidate for the task.
internal sealed class TaskAssignees(UserManager<AppUser> users, IUserClaimsPrincipalFactory<AppUser> principals)
{
    public async Task<ClaimsPrincipal> FindAsync(string? userName)
    {
        if (string.IsNullOrWhiteSpace(userName))
            throw RuntimeProblem.BadRequest("userName is required: the person to assign the task to.");
        var user = await users.FindByNameAsync(userName.Trim())
            ?? throw RuntimeProblem.BadRequest($"There is no user named '{userName.Trim()}'; assign the task to an existing user.");
        return await principals.CreateAsync(user);
    }
}

using Microsoft.AspNetCore.Identity;

namespace ServiceFlow.Web.Data;

public sealed class AppUser : IdentityUser
{
    public string? DisplayName { get; set; }

    /// The language mail and pages use for this person (zh-CN or en); null = organisation default.
    public string? Culture { get; set; }
}

using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace ServiceFlow.Web.Data;

public sealed class ServiceFlowDbContext(DbContextOptions<ServiceFlowDbContext> options)
    : IdentityDbContext<AppUser, IdentityRole, string>(options)
{
    public const string Schema = "serviceflow";

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        builder.HasDefaultSchema(Schema);
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ServiceFlowDbContext).Assembly);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ServiceFlow.Web.Data;

/// Lets `dotnet ef migrations add` build the model without starting the host (and its embedded database).
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<ServiceFlowDbContext>
{
    public ServiceFlowDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ServiceFlowDbContext>()
            .UseNpgsql("Host=127.0.0.1;Database=serviceflow_design", o => o.MigrationsHistoryTable("__ef_migrations", ServiceFlowDbContext.Schema))
            .Options);
}

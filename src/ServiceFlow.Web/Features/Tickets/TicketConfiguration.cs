using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ServiceFlow.Web.Features.Tickets;

internal sealed class TicketConfiguration : IEntityTypeConfiguration<Ticket>
{
    public void Configure(EntityTypeBuilder<Ticket> e)
    {
        e.ToTable("tickets");
        e.HasIndex(t => t.Number).IsUnique();
        e.HasIndex(t => new { t.Status, t.Priority });
        e.HasIndex(t => t.InstanceId);
        // Newest first: the ticket list, everyone's "recent tickets" on the home page, and the reports'
        // refresh (tickets recorded since the last one).
        e.HasIndex(t => t.RecordedAt);
        e.Property(t => t.Status).HasConversion<string>().HasMaxLength(30);
        e.Property(t => t.Tier).HasConversion<string>().HasMaxLength(10);
        e.Property(t => t.Channel).HasConversion<string>().HasMaxLength(10);
        e.Property(t => t.Number).HasMaxLength(30);
        e.Property(t => t.Language).HasMaxLength(20);
        e.Property(t => t.CustomerType).HasMaxLength(TextLimits.Name);
        e.Property(t => t.RowVersion).IsRowVersion();
        e.Ignore(t => t.IsReadOnly);
    }
}

internal sealed class TicketEntryConfiguration : IEntityTypeConfiguration<TicketEntry>
{
    public void Configure(EntityTypeBuilder<TicketEntry> e)
    {
        e.ToTable("ticket_entries");
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        e.HasIndex(x => new { x.TicketId, x.Id });
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace ServiceFlow.Web.Data;

internal static class TrackedEntries
{
    /// The context's entries of `T` without the full DetectChanges over every tracked entity that
    /// `ChangeTracker.Entries` and `DbSet.Local` run first. For finding a row by what never changes once
    /// written (an id, a ticket number, an instance and engine id) and telling Added or Deleted from the rest;
    /// a property changed since the last detection is not yet reported as Modified.
    public static List<EntityEntry<T>> Tracked<T>(this DbContext db) where T : class
    {
        var tracker = db.ChangeTracker;
        var auto = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            return [.. tracker.Entries<T>()];
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = auto;
        }
    }
}

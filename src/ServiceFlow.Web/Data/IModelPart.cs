using Microsoft.EntityFrameworkCore;

namespace ServiceFlow.Web.Data;

/// What a feature adds to the one model beyond its entity types (those it configures with
/// `IEntityTypeConfiguration`): sequences and the like. The context applies every part in the assembly,
/// as it applies every entity configuration, so Data names no feature: a feature that owns tables
/// declares them, and its `db.Tickets`-style accessors, in its own folder (C# extension members).
internal interface IModelPart
{
    void Apply(ModelBuilder builder);
}

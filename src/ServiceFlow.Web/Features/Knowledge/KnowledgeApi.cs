using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;

namespace ServiceFlow.Web.Features.Knowledge;

internal static class KnowledgeApi
{
    public static void MapKnowledgeApi(this IEndpointRouteBuilder app)
    {
        var knowledge = app.MapGroup("/api/knowledge").WithTags("Knowledge").RequireAuthorization(Policies.Staff);

        // Searches and visits are counted for the reports (seed 001 §5.1), here and on the pages.
        knowledge.MapGet("/", async (ServiceFlowDbContext db, string? q, string? status, ClaimsPrincipal user, TimeProvider clock,
            ILogger<KnowledgeArticle> logger, CancellationToken ct) =>
        {
            var found = await Search(db, q, status).Take(200).ToListAsync(ct);
            await KnowledgeCounting.SearchAsync(db, q, found.Count, user.Identity?.Name, clock, logger, ct);
            return TypedResults.Ok(found.Select(Dto).ToList());
        });

        knowledge.MapGet("/{id:guid}", async Task<Results<Ok<KnowledgeDto>, ProblemHttpResult>> (Guid id, ServiceFlowDbContext db, ClaimsPrincipal user,
            TimeProvider clock, ILogger<KnowledgeArticle> logger, CancellationToken ct) =>
        {
            if (await db.KnowledgeArticles.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct) is not { } a)
                return Problems.NotFound($"There is no knowledge article {id}.");
            await KnowledgeCounting.VisitAsync(db, id, user.Identity?.Name, clock, logger, ct);
            return TypedResults.Ok(Dto(a));
        });

        knowledge.MapPut("/{id:guid}", async (Guid id, KnowledgeUpdate change, ServiceFlowDbContext db, ClaimsPrincipal user, TimeProvider clock,
            CancellationToken ct) => TypedResults.Ok(Dto(await KnowledgeDrafts.UpdateAsync(db, id, change, user, clock, ct))));

        // Under /api/tickets because the ticket is what the user is looking at when drafting.
        app.MapPost("/api/tickets/{number}/knowledge-draft", async Task<Results<Created<KnowledgeDto>, Ok<KnowledgeDto>>> (string number,
            ServiceFlowDbContext db, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct) =>
        {
            var (article, created) = await KnowledgeDrafts.FromTicketAsync(db, number, user, clock, ct);
            return created ? TypedResults.Created($"/api/knowledge/{article.Id}", Dto(article)) : TypedResults.Ok(Dto(article));
        }).WithTags("Knowledge").RequireAuthorization(Policies.Staff);
    }

    public static IQueryable<KnowledgeArticle> Search(ServiceFlowDbContext db, string? q, string? status)
    {
        var query = db.KnowledgeArticles.AsNoTracking();
        if (Enum.TryParse<KnowledgeStatus>(status, ignoreCase: true, out var s))
            query = query.Where(a => a.Status == s);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var like = $"%{q.Trim()}%";
            query = query.Where(a => a.Number == q.Trim() || a.SourceTicketNumber == q.Trim()
                || EF.Functions.ILike(a.Title, like) || EF.Functions.ILike(a.Body, like) || EF.Functions.ILike(a.Tags ?? "", like));
        }
        return query.OrderByDescending(a => a.UpdatedAt);
    }

    static KnowledgeDto Dto(KnowledgeArticle a) => new(a.Id, a.Number, a.Title, a.Body, a.ServiceType, a.Tags, a.Status.ToString(),
        a.SourceTicketNumber, a.Author, a.CreatedAt, a.UpdatedAt, a.UpdatedBy, a.RowVersion);
}

internal sealed record KnowledgeDto(Guid Id, string Number, string Title, string Body, string ServiceType, string? Tags, string Status,
    string? SourceTicketNumber, string Author, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string? UpdatedBy, uint RowVersion);

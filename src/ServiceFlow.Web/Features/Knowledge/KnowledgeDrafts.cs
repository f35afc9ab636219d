using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Tickets;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Knowledge;

/// Creates and changes articles; shared by the API and the pages so both apply the same rules.
internal static class KnowledgeDrafts
{
    /// States in which the ticket carries a solution worth keeping.
    public static readonly TicketStatus[] Solved = [TicketStatus.AwaitingConfirmation, TicketStatus.Archived, TicketStatus.ClosedAtOnce];

    public static bool Offers(Ticket ticket) => Solved.Contains(ticket.Status);

    /// The draft of the ticket's solution; the existing one (Created = false) when there already is one.
    public static async Task<(KnowledgeArticle Article, bool Created)> FromTicketAsync(ServiceFlowDbContext db, string number, ClaimsPrincipal user,
        TimeProvider clock, CancellationToken ct)
    {
        var ticket = await db.Tickets.SingleOrDefaultAsync(t => t.Number == number, ct);
        if (ticket is null || !TicketAccess.CanRead(ticket, user))
            throw RuntimeProblem.NotFound($"There is no ticket {number} that you can see.");
        if (!KnowledgeAccess.CanDraft(user) || !TicketAccess.CanWrite(ticket, user))
            throw RuntimeProblem.Forbidden("Your roles may read knowledge but not draft it.");
        if (await db.KnowledgeArticles.SingleOrDefaultAsync(a => a.SourceTicketId == ticket.Id, ct) is { } existing)
            return (existing, false);
        if (!Offers(ticket))
            throw RuntimeProblem.Conflict($"Ticket {number} is {ticket.Status}, not solved yet; a knowledge draft can be made once it is resolved or closed.");

        var now = clock.GetUtcNow();
        var seq = await db.Database.SqlQueryRaw<long>("SELECT nextval('serviceflow.knowledge_numbers') AS \"Value\"").SingleAsync(ct);
        var article = new KnowledgeArticle
        {
            Id = Guid.NewGuid(),
            Number = $"KB-{seq:D6}",
            Title = ticket.Title,
            Body = Prefill(ticket),
            ServiceType = ticket.ServiceType,
            Status = KnowledgeStatus.Draft,
            SourceTicketId = ticket.Id,
            SourceTicketNumber = ticket.Number,
            Author = user.Identity!.Name!,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.KnowledgeArticles.Add(article);
        // A field change on the ticket's timeline, like every other change of the record.
        db.TicketEntries.Add(new TicketEntry { TicketId = ticket.Id, Kind = TicketEntryKind.Change, At = now, By = article.Author, Text = "knowledgeDraft", Extra = article.Number });
        try
        {
            await db.SaveChangesAsync(ct);
            return (article, true);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Someone drafted the same ticket a moment ago: theirs is the draft.
            db.ChangeTracker.Clear();
            return (await db.KnowledgeArticles.SingleAsync(a => a.SourceTicketId == ticket.Id, ct), false);
        }
    }

    static string Prefill(Ticket t)
    {
        var body = new StringBuilder();
        void Part(string heading, params string?[] lines)
        {
            var text = string.Join("\n", lines.Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => l!.Trim()));
            if (text.Length > 0)
                body.Append(heading).Append('\n').Append(text).Append("\n\n");
        }
        // The draft is the author's text from here on: its headings in the language they work in.
        var chinese = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh";
        Part(chinese ? "问题 / 现象" : "Problem / symptoms", t.Description, t.ImpactQualitative);
        Part(chinese ? "原因" : "Cause", t.CausePeople, t.CauseProcess, t.CauseTechnology, t.CauseEnvironment);
        Part(chinese ? "解决方案" : "Solution", t.Solution, t.Recovery);
        Part(chinese ? "经验教训" : "Lessons", t.Proposals, t.Lessons);
        return body.ToString().TrimEnd();
    }

    public static async Task<KnowledgeArticle> UpdateAsync(ServiceFlowDbContext db, Guid id, KnowledgeUpdate change, ClaimsPrincipal user,
        TimeProvider clock, CancellationToken ct)
    {
        if (!KnowledgeAccess.CanEdit(user))
            throw RuntimeProblem.Forbidden("Your roles may read knowledge but not change it.");
        var article = await db.KnowledgeArticles.SingleOrDefaultAsync(a => a.Id == id, ct)
            ?? throw RuntimeProblem.NotFound($"There is no knowledge article {id}.");
        if (string.IsNullOrWhiteSpace(change.Title) || string.IsNullOrWhiteSpace(change.Body))
            throw RuntimeProblem.BadRequest("An article needs a title and a body.");
        if (!Enum.TryParse<KnowledgeStatus>(change.Status, ignoreCase: true, out var status))
            throw RuntimeProblem.BadRequest($"status '{change.Status}' is not one of Draft, Published, Retired.");
        if (status != article.Status && !KnowledgeAccess.CanPublish(user))
            throw RuntimeProblem.Forbidden("Only supervisors, quality supervisors, process owners and administrators publish or retire knowledge.");
        if (change.RowVersion != article.RowVersion)
            throw Stale(article);
        article.Title = change.Title.Trim();
        article.Body = change.Body.Trim();
        article.Tags = string.IsNullOrWhiteSpace(change.Tags) ? null : change.Tags.Trim();
        article.Status = status;
        article.UpdatedAt = clock.GetUtcNow();
        article.UpdatedBy = user.Identity!.Name;
        db.Entry(article).Property(a => a.RowVersion).OriginalValue = change.RowVersion;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw Stale(article);
        }
        return article;
    }

    static RuntimeProblem Stale(KnowledgeArticle a) =>
        RuntimeProblem.Conflict($"{a.Number} was changed by someone else since you opened it; reload it and apply your change again.");
}

internal sealed record KnowledgeUpdate([property: Required, MaxLength(TextLimits.Name)] string Title, [property: Required, MaxLength(TextLimits.LongText)] string Body,
    [property: Required, MaxLength(TextLimits.Name)] string Status, [property: MaxLength(TextLimits.Name)] string? Tags, uint RowVersion);

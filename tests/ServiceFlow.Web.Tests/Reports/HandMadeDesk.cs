using Microsoft.Extensions.DependencyInjection;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Knowledge;
using ServiceFlow.Web.Features.Sla;
using ServiceFlow.Web.Features.Surveys;
using ServiceFlow.Web.Features.Tickets;
using static ServiceFlow.Web.Tests.Reports.ReportsApp;

namespace ServiceFlow.Web.Tests.Reports;

/// Five tickets written straight into the desk's tables, so every figure can be worked out by hand
/// (MeasureTests spells each out). Times are Shanghai local; the default calendar works 08:00–17:00 every day.
///   T1  P1 Phone   discovered 06-01 09:00, recorded 09:10, resolved 06-01 11:00; first response 09:10–09:25 met;
///       resolution met; update met; survey 5; cause technology; handler chen.
///   T2  P2 Email   discovered 06-01 16:00, recorded 16:45 (late), resolved 06-02 10:00; first response 16:45 → 06-02 08:30
///       breached; resolution breached; update breached once (a fired breach timer); survey 2; escalated to tier 2;
///       sent back at confirmation once (reopened); causes process, technology; handler liu.
///   T3  P3 Phone   discovered 06-03 10:00, recorded and closed at once 10:05 (first-contact resolution); no clocks.
///   T4  P2 WebChat discovered = recorded 06-15 09:00, still in progress; first response 09:00–09:20 met; resolution running
///       and overdue since 06-16; escalated to a vendor; handler changed liu → chen (reassigned).
///   T5  P4 Phone   recorded 07-01 09:00, archived unsolved 07-01 10:00; survey expired; cause people.
/// Reviews: T1 and T4 accepted at once, T2 sent back for correction once; T3 (closed at once) and T5 were never reviewed.
/// T2's customer wrote why they gave 2 (a complaint); T1's 5 came with praise.
/// Customer types: T1 enterprise, T2 and T3 individual, T4 government, T5 none recorded.
/// Knowledge in June: 3 visits, 2 searches (one found nothing), 1 new article.
public static class HandMadeDesk
{
    public static async Task SeedAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
        var t1 = Ticket("RPT-1", "P1", Channel.Phone, "system-operations", "CRM", At(6, 1, 9), At(6, 1, 9, 10), TicketStatus.Archived, "chen", resolved: At(6, 1, 11));
        t1.CauseTechnology = "cache full";
        var t2 = Ticket("RPT-2", "P2", Channel.Email, "after-sales", "支付网关", At(6, 1, 16), At(6, 1, 16, 45), TicketStatus.Archived, "liu", resolved: At(6, 2, 10));
        (t2.RecordedLate, t2.Tier, t2.CauseProcess, t2.CauseTechnology) = (true, Tier.Tier2, "no runbook", "timeout too short");
        var t3 = Ticket("RPT-3", "P3", Channel.Phone, "consultation", "CRM", At(6, 3, 10), At(6, 3, 10, 5), TicketStatus.ClosedAtOnce, null, resolved: At(6, 3, 10, 5));
        t3.FirstContactResolution = true;
        var t4 = Ticket("RPT-4", "P2", Channel.WebChat, "system-operations", "门户网站", At(6, 15, 9), At(6, 15, 9), TicketStatus.InProgress, "chen", resolved: null);
        t4.Tier = Tier.Vendor;
        var t5 = Ticket("RPT-5", "P4", Channel.Phone, "after-sales", "CRM", At(7, 1, 9), At(7, 1, 9), TicketStatus.Archived, "liu", resolved: At(7, 1, 10));
        (t5.Solved, t5.CausePeople) = (false, "not trained");
        (t1.CustomerType, t2.CustomerType, t3.CustomerType, t4.CustomerType) = ("enterprise", "individual", "individual", "government");
        db.AddRange(t1, t2, t3, t4, t5);

        Clock(db, t1, SlaClocks.FirstResponse, ClockState.Met, At(6, 1, 9, 10), At(6, 1, 9, 25));
        Clock(db, t1, SlaClocks.Resolution, ClockState.Met, At(6, 1, 9, 10), At(6, 1, 11));
        Clock(db, t1, SlaClocks.Update, ClockState.Met, At(6, 1, 9, 10), At(6, 1, 11));
        Clock(db, t2, SlaClocks.FirstResponse, ClockState.Breached, At(6, 1, 16, 45), At(6, 2, 8, 30));
        Clock(db, t2, SlaClocks.Resolution, ClockState.Breached, At(6, 1, 16, 45), At(6, 2, 10));
        var update = Clock(db, t2, SlaClocks.Update, ClockState.Met, At(6, 1, 16, 45), At(6, 2, 10));
        db.Add(new SlaTimer { Id = Guid.NewGuid(), ClockId = update.Id, Kind = "breach", DueAt = At(6, 2, 8), FiredAt = At(6, 2, 8), CreatedAt = At(6, 1, 16, 45) });
        Clock(db, t4, SlaClocks.FirstResponse, ClockState.Met, At(6, 15, 9), At(6, 15, 9, 20));
        var running = Clock(db, t4, SlaClocks.Resolution, ClockState.Running, At(6, 15, 9), null);
        (running.Overdue, running.DueAt) = (true, At(6, 16, 9));

        Survey(db, t1, SurveyStatus.Answered, 5, "Quick and friendly");
        Survey(db, t2, SurveyStatus.Answered, 2, "A whole day, and nobody told me what was going on");
        Survey(db, t5, SurveyStatus.Expired, null);
        Change(db, t2, "status", "AwaitingConfirmation", "InProgress", At(6, 2, 9));
        Change(db, t1, "status", "InReview", "Arranging", At(6, 1, 9, 20));
        Change(db, t2, "status", "InReview", "Correction", At(6, 1, 17));
        Change(db, t2, "status", "Correction", "InReview", At(6, 1, 17, 30));
        Change(db, t2, "status", "InReview", "Arranging", At(6, 2, 8, 30));
        Change(db, t4, "status", "InReview", "Arranging", At(6, 15, 9, 20));
        Change(db, t4, "handler", null, "liu", At(6, 15, 9, 30));
        Change(db, t4, "handler", "liu", "chen", At(6, 15, 11));

        var article = new KnowledgeArticle
        {
            Id = Guid.NewGuid(),
            Number = "KB-RPT-1",
            Title = "Cache",
            Body = "Flush it",
            ServiceType = "system-operations",
            Author = "admin",
            CreatedAt = At(6, 2, 12),
            UpdatedAt = At(6, 2, 12)
        };
        db.Add(article);
        foreach (var day in new[] { 3, 4, 5 })
            db.Add(new KnowledgeUsage { At = At(6, day, 10), Kind = KnowledgeUsageKind.Visit, ArticleId = article.Id, UserName = "admin" });
        db.Add(new KnowledgeUsage { At = At(6, 3, 10), Kind = KnowledgeUsageKind.Search, Query = "cache", Results = 1 });
        db.Add(new KnowledgeUsage { At = At(6, 3, 11), Kind = KnowledgeUsageKind.Search, Query = "printer", Results = 0 });
        db.Add(new KnowledgeUsage { At = At(7, 3, 11), Kind = KnowledgeUsageKind.Search, Query = "july", Results = 0 });
        await db.SaveChangesAsync();
    }

    static Ticket Ticket(string number, string priority, Channel channel, string serviceType, string serviceObject, DateTimeOffset discovered,
        DateTimeOffset recorded, TicketStatus status, string? handler, DateTimeOffset? resolved) => new()
        {
            Id = Guid.NewGuid(),
            Number = number,
            Title = $"Report test {number}",
            Description = "hand-made",
            DiscoveredAt = discovered,
            RecordedAt = recorded,
            ServiceType = serviceType,
            ServiceObject = serviceObject,
            Channel = channel,
            Priority = priority,
            Reporter = "li.na",
            Handler = handler,
            Group = "TechSupport",
            Tier = Tier.Tier1,
            Status = status,
            Solved = resolved is null ? null : true,
            ResolvedAt = resolved,
            ArchivedAt = status == TicketStatus.Archived ? resolved : null,
            Department = "客服中心",
            CustomerName = $"Customer {number}",
        };

    static SlaClock Clock(ServiceFlowDbContext db, Ticket t, string name, ClockState state, DateTimeOffset started, DateTimeOffset? stopped)
    {
        var clock = new SlaClock
        {
            Id = Guid.NewGuid(),
            BusinessKey = t.Number,
            Name = name,
            PolicyKey = t.Priority,
            PolicyVersion = 1,
            State = state,
            Target = TimeSpan.FromMinutes(30),
            StartedAt = started,
            StoppedAt = stopped,
            Overdue = state == ClockState.Breached
        };
        db.Add(clock);
        db.Add(new SlaClockSegment { ClockId = clock.Id, Running = true, From = started, To = stopped, Reason = "start" });
        return clock;
    }

    static void Survey(ServiceFlowDbContext db, Ticket t, SurveyStatus status, int? score, string? comment = null) => db.Add(new Survey
    {
        Id = Guid.NewGuid(),
        BusinessKey = t.Number,
        InstanceId = Guid.NewGuid(),
        Recipient = "c@example.com",
        Nonce = Guid.NewGuid().ToString("N"),
        Status = status,
        Score = score,
        Comment = comment,
        CreatedAt = t.ResolvedAt ?? t.RecordedAt,
        ExpiresAt = (t.ResolvedAt ?? t.RecordedAt).AddDays(14),
        AnsweredAt = status == SurveyStatus.Answered ? t.ResolvedAt!.Value.AddDays(1) : null,
    });

    static void Change(ServiceFlowDbContext db, Ticket t, string field, string? from, string? to, DateTimeOffset at) =>
        db.Add(new TicketEntry { TicketId = t.Id, Kind = TicketEntryKind.Change, At = at, By = "admin", Text = field, Detail = from, Extra = to });
}

using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Runtime;
using ServiceFlow.Web.Tests.Infrastructure;
using ServiceFlow.Web.Tests.Surveys;

namespace ServiceFlow.Web.Tests.Inbox;

/// The host with a tab count cap of 5, so "N+" shows without thousands of tasks.
public sealed class InboxPagingApp : ServiceFlowApp
{
    protected override IEnumerable<(string Key, string Value)> ExtraSettings() => [("Jobs:RunServer", "false"), ("Inbox:CountCap", "5")];
}

/// Keyset paging of the inbox as a supervisor walks it. Each test names its tasks with its own
/// word and searches for it, so the tests share the database without seeing each other's tasks.
public sealed partial class InboxPagingTests(InboxPagingApp app) : IClassFixture<InboxPagingApp>
{
    [Theory]
    [InlineData("due")]
    [InlineData("priority")]
    [InlineData("newest")]
    [InlineData("oldest")]
    public async Task Inbox_NextWalksEveryTaskOnce_InSortOrder_WhenKeysTie(string sort)
    {
        var word = $"walk{sort}";
        var inserted = await InsertAsync(word, 130);
        var page = await SurveyHost.SignInAsync(app, "admin", ServiceFlowApp.AdminPassword);

        var seen = new List<Guid>();
        var pages = new List<string>();
        string? url = $"/inbox?tab=all&q={word}&sort={sort}";
        for (var i = 0; url is not null && i < 10; i++)
        {
            var html = await page.GetStringAsync(url);
            pages.Add(url);
            seen.AddRange(TaskIds(html));
            var links = PagerLinks(html);
            links.Values.Should().OnlyContain(l => l.Contains($"q={word}") && l.Contains(sort == "due" ? "tab=all" : $"sort={sort}"), "paging keeps the filters");
            url = links.GetValueOrDefault("page-next");
        }

        seen.Should().HaveCount(130).And.OnlyHaveUniqueItems().And.BeEquivalentTo(inserted);
        var expected = await SurveyHost.WithDbAsync(app, db => Sorted(db.UserTasks.Where(t => t.Name.StartsWith(word)), sort).Select(t => t.Id).ToListAsync());
        seen.Should().Equal(expected, "pages follow the sort order, id breaking the ties");
        pages.Should().HaveCount(3);

        var third = await page.GetStringAsync(pages[2]);
        var back = await page.GetStringAsync(PagerLinks(third)["page-previous"]);
        TaskIds(back).Should().Equal(TaskIds(await page.GetStringAsync(pages[1])), "Previous returns to the same page");
        PagerLinks(back).Should().ContainKeys("page-first", "page-previous", "page-next");
    }

    [Fact]
    public async Task Inbox_TabCount_ShowsCapPlus_AboveTheCap()
    {
        await InsertAsync("countcap", 7);
        await InsertAsync("countmine", 3, assignee: "admin");
        var page = await SurveyHost.SignInAsync(app, "admin", ServiceFlowApp.AdminPassword);

        var html = await page.GetStringAsync("/inbox?tab=all&q=countcap");

        Count(html, "all").Should().Be("5+", "7 and more open tasks are above the cap of 5");
        Count(html, "mine").Should().Be("3");
    }

    [Theory]
    [InlineData("after=!!not-a-cursor!!")]
    [InlineData("after=ZHVlfHh8eXx6")] // base64url of "due|x|y|z"
    [InlineData("before=bmV3ZXN0fDB8MHwwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMA")] // a cursor of another sort
    public async Task Inbox_MalformedCursor_ShowsTheFirstPage(string cursor)
    {
        await InsertAsync("badcursor", 60);
        var page = await SurveyHost.SignInAsync(app, "admin", ServiceFlowApp.AdminPassword);

        var first = await page.GetStringAsync("/inbox?tab=all&q=badcursor");
        var response = await page.GetAsync($"/inbox?tab=all&q=badcursor&{cursor}");

        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        TaskIds(html).Should().Equal(TaskIds(first));
        PagerLinks(html).Should().ContainKey("page-next").And.NotContainKey("page-previous");
    }

    async Task<List<Guid>> InsertAsync(string word, int count, string? assignee = null)
    {
        // Three due dates, two priorities, one creation instant: most sort keys tie, only the id orders them.
        var now = DateTimeOffset.UtcNow;
        var tasks = Enumerable.Range(0, count).Select(i => new UserTask
        {
            Id = Guid.NewGuid(),
            InstanceId = Guid.NewGuid(),
            EngineTaskId = $"t{i}",
            ActivityId = "review",
            Name = $"{word} {i}",
            WorkflowKey = "paging",
            Assignee = assignee,
            Priority = i % 2 == 0 ? 2 : 0,
            DueAt = (i % 4) switch { 0 => null, 1 => now.AddHours(-1), _ => now.AddHours(i % 4) },
            Status = UserTaskStatus.Open,
            CreatedAt = now.AddSeconds(i % 3),
        }).ToList();
        await SurveyHost.WithDbAsync(app, async db => { db.UserTasks.AddRange(tasks); return await db.SaveChangesAsync(); });
        return tasks.Select(t => t.Id).ToList();
    }

    static IQueryable<UserTask> Sorted(IQueryable<UserTask> q, string sort) => sort switch
    {
        "priority" => q.OrderBy(t => t.SortPriority).ThenBy(t => t.SortDue).ThenBy(t => t.Id),
        "newest" => q.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id),
        "oldest" => q.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id),
        _ => q.OrderBy(t => t.DueAt == null).ThenBy(t => t.DueAt).ThenBy(t => t.Id),
    };

    static List<Guid> TaskIds(string html) => TaskLink().Matches(html).Select(m => Guid.Parse(m.Groups[1].Value)).ToList();

    static Dictionary<string, string> PagerLinks(string html) =>
        PagerLink().Matches(html).ToDictionary(m => m.Groups[2].Value, m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value));

    static string Count(string html, string tab) =>
        System.Net.WebUtility.HtmlDecode(Regex.Match(html, $"data-testid=\"count-{tab}\">([^<]*)<").Groups[1].Value);

    [GeneratedRegex("href=\"/tasks/([0-9a-f-]{36})\"")]
    private static partial Regex TaskLink();

    [GeneratedRegex("<a href=\"([^\"]+)\"[^>]*data-testid=\"(page-[a-z]+)\"")]
    private static partial Regex PagerLink();
}

using System.Text.RegularExpressions;
using ServiceFlow.Web.Tests.Infrastructure;
using ServiceFlow.Web.Tests.Sla;
using ServiceFlow.Web.Tests.Surveys;

namespace ServiceFlow.Web.Tests.Tickets;

/// The inbox page's filters as a supervisor uses them: by service type, sorted, and tab and page
/// links that keep every filter (a lost filter on "next page" shows the wrong work).
public sealed class InboxFilterTests(SlaFakeClockApp app) : IClassFixture<SlaFakeClockApp>
{
    [Fact]
    public async Task Inbox_FiltersByServiceType_AndTabLinksKeepTheFilters()
    {
        var admin = app.CreateAdminApiClient();
        var wanted = await SlaClient.CreateTicketAsync(admin, "svc-filter-a", "P4", app.Clock.GetUtcNow());
        var other = await SlaClient.CreateTicketAsync(admin, "svc-filter-b", "P4", app.Clock.GetUtcNow());
        var page = await SurveyHost.SignInAsync(app, "admin", ServiceFlowApp.AdminPassword);

        var html = await page.GetStringAsync("/inbox?tab=all&serviceType=svc-filter-a&sort=newest");

        html.Should().Contain(wanted).And.NotContain(other);
        html.Should().Contain("<option value=\"svc-filter-b\"", "every service type on record can be chosen");
        var links = Regex.Matches(html, "href=\"(/inbox\\?[^\"]*)\"").Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        links.Should().NotBeEmpty();
        links.Should().OnlyContain(h => h.Contains("serviceType=svc-filter-a") && h.Contains("sort=newest"), "tabs and pages keep the filters");
    }

    [Fact]
    public async Task Inbox_SortNewest_PutsTheLatestTaskFirst()
    {
        var admin = app.CreateAdminApiClient();
        var first = await SlaClient.CreateTicketAsync(admin, "svc-sort", "P4", app.Clock.GetUtcNow());
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await SlaClient.CreateTicketAsync(admin, "svc-sort", "P4", app.Clock.GetUtcNow());
        var page = await SurveyHost.SignInAsync(app, "admin", ServiceFlowApp.AdminPassword);

        var newest = await page.GetStringAsync("/inbox?tab=all&serviceType=svc-sort&sort=newest");
        var oldest = await page.GetStringAsync("/inbox?tab=all&serviceType=svc-sort&sort=oldest");

        newest.IndexOf(second, StringComparison.Ordinal).Should().BeLessThan(newest.IndexOf(first, StringComparison.Ordinal));
        oldest.IndexOf(first, StringComparison.Ordinal).Should().BeLessThan(oldest.IndexOf(second, StringComparison.Ordinal));
    }
}

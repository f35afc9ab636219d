using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ServiceFlow.Web.Features.Admin;
using ServiceFlow.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ServiceFlow.Browser.Tests.Desk;

/// Every page each role reaches by following links from home (the menu, the inbox, tickets, tasks, knowledge,
/// admin pages), in English and in Chinese, on the demo desk: no page shows a resource key, an enum name or
/// raw code, or (in Chinese) English words outside proper nouns and user data (PageTextRules); no link leads
/// to a 4xx or 5xx. The designer and Hangfire's dashboard are only checked for their status: the designer's
/// own texts are tested by DesignerLanguageTests, Hangfire ships in English.
[Collection(DemoDeskCollection.Name)]
public sealed partial class PageCrawlTests(DemoDeskApp app, ITestOutputHelper output)
{
    const int MaxPagesPerLanguage = 70;

    // Pages of one kind differ by the record's state (a task's form, a ticket's stage): visit a few of each.
    static readonly Dictionary<string, int> VisitsPerKind = new(StringComparer.Ordinal) { ["/tasks/{id}"] = 8, ["/tickets/{number}"] = 6, ["/instances/{id}"] = 2 };

    // Read by the page (PageTextRules' caller): visible text nodes and the attributes people read, leaving out
    // code, data marked translate="no", form field contents, scripts, the diagram and bpmn.io's licence marks (bpmn-js, form-js).
    const string CollectTexts = """
        () => {
          const skipped = (el) => !!el.closest('script,style,noscript,template,code,kbd,svg,textarea,[translate="no"],.djs-container,.bjs-powered-by,.fjs-powered-by,.fjs-powered-by-lightbox');
          const texts = [document.title];
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          while (walker.nextNode()) {
            const node = walker.currentNode;
            const text = node.textContent.trim();
            if (text && node.parentElement && !skipped(node.parentElement)) texts.push(text);
          }
          for (const el of document.querySelectorAll('[placeholder],[title],[aria-label],img[alt]')) {
            if (skipped(el)) continue;
            for (const name of ['placeholder', 'title', 'aria-label', 'alt']) {
              const value = (el.getAttribute(name) || '').trim();
              if (value) texts.push(value);
            }
          }
          return texts;
        }
        """;

    public static TheoryData<string> Users => ["li.na", "zhao.lei", "chen.jie", "sun.li", "zhou.min", "wu.hao", "admin"];

    [Theory]
    [MemberData(nameof(Users))]
    public async Task EveryPageReachable_ShowsNoKeyOrEnumName_AndChineseWithoutEnglish_AndNoLinkFails(string user)
    {
        var problems = new List<string>();
        foreach (var locale in new[] { "en-US", "zh-CN" })
            problems.AddRange(await CrawlAsync(user, locale));
        problems.Should().BeEmpty($"{user}'s pages should read as proper English and Chinese:\n{string.Join("\n", problems.Distinct().Take(80))}");
    }

    async Task<List<string>> CrawlAsync(string user, string locale)
    {
        var password = user == "admin" ? ServiceFlowApp.AdminPassword : DemoData.Password;
        var page = await DeskSession.SignInAsync(app, user, locale, password);
        var chinese = locale.StartsWith("zh", StringComparison.Ordinal);
        var problems = new List<string>();
        var queue = new Queue<string>(["/"]);
        var seen = new HashSet<string>(StringComparer.Ordinal) { "/" };
        var kinds = new Dictionary<string, int>(StringComparer.Ordinal);
        var visited = 0;
        while (queue.TryDequeue(out var url) && visited < MaxPagesPerLanguage)
        {
            var kind = Kind(url);
            kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
            if (kinds[kind] > VisitsPerKind.GetValueOrDefault(kind, 2))
                continue;
            visited++;
            IResponse? response;
            try
            {
                response = await page.GotoAsync(url);
            }
            catch (PlaywrightException e) when (e.Message.Contains("Download is starting", StringComparison.Ordinal))
            {
                // A file served without a `download` attribute on its link (the .eml of a sent mail): its status only.
                var file = await page.APIRequest.GetAsync(url);
                if (file.Status >= 400)
                    problems.Add($"{locale} {url}: HTTP {file.Status}");
                continue;
            }
            var status = response?.Status ?? 0;
            if (status >= 400)
            {
                problems.Add($"{locale} {url}: HTTP {status}");
                continue;
            }
            if (StatusOnly(page.Url))
                continue;
            foreach (var text in await page.EvaluateAsync<string[]>(CollectTexts))
                foreach (var problem in PageTextRules.Problems(text, chinese))
                    problems.Add($"{locale} {new Uri(page.Url).PathAndQuery}: {problem} in \"{Short(text)}\"");
            foreach (var link in await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('a[href]')].map(a => (a.hasAttribute('download') ? 'download:' : '') + a.getAttribute('href'))"))
            {
                var download = link.StartsWith("download:", StringComparison.Ordinal);
                var href = download ? link["download:".Length..] : link;
                if (Followable(href) is not { } target || !seen.Add(target))
                    continue;
                if (download || target.StartsWith("/api/", StringComparison.Ordinal))
                {
                    var file = await page.APIRequest.GetAsync(target);
                    if (file.Status >= 400)
                        problems.Add($"{locale} {new Uri(page.Url).PathAndQuery}: link {target} answers {file.Status}");
                    continue;
                }
                queue.Enqueue(target);
            }
        }
        output.WriteLine($"{user} {locale}: {visited} pages, kinds: {string.Join(", ", kinds.Select(k => $"{k.Key} ×{k.Value}"))}");
        await DeskSession.ScreenshotAsync(page, $"crawl-{user}-{locale}");
        await page.Context.CloseAsync();
        return problems;
    }

    /// Same-site paths only; not signing out, not the language switch (a form), not in-page anchors.
    static string? Followable(string href)
    {
        if (!href.StartsWith('/') || href.StartsWith("//", StringComparison.Ordinal))
            return null;
        var path = href.Split('#')[0];
        return path.Length == 0 || path.StartsWith("/account/logout", StringComparison.Ordinal) || path.StartsWith("/culture", StringComparison.Ordinal) ? null : path;
    }

    static bool StatusOnly(string url)
    {
        var path = new Uri(url).AbsolutePath;
        return path.StartsWith("/hangfire", StringComparison.Ordinal) || path.EndsWith("/design", StringComparison.Ordinal);
    }

    /// "/tickets/SE-2026-000012" and "/tickets/SE-2026-000013" are one kind of page; so are inbox links that
    /// differ only in their filter values.
    static string Kind(string url)
    {
        var parts = url.Split('?', 2);
        var path = Number().Replace(Guid().Replace(parts[0], "{id}"), "{number}");
        var keys = parts.Length == 1 ? "" : "?" + string.Join("&", parts[1].Split('&').Select(p => p.Split('=')[0]).Order(StringComparer.Ordinal));
        return path + keys;
    }

    static string Short(string text) => text.Length > 120 ? text[..120] + "…" : text;

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Guid();

    [GeneratedRegex(@"(?:SE|KB)-\d{4}-\d+|KB-\d+")]
    private static partial Regex Number();
}

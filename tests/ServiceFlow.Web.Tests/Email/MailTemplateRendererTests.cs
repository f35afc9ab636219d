using ServiceFlow.Web.Email;
using ServiceFlow.Web.Tests.Infrastructure.Mail;

namespace ServiceFlow.Web.Tests.Email;

public sealed class MailTemplateRendererTests
{
    // Set SERVICEFLOW_UPDATE_GOLDEN=1 to rewrite the expected files from the current templates,
    // then review the diff in git before committing.
    private static readonly bool UpdateGolden = Environment.GetEnvironmentVariable("SERVICEFLOW_UPDATE_GOLDEN") == "1";

    private static readonly string GoldenDirectory = Path.Combine(RepoPaths.TestsDirectory, "Email", "Golden");

    private static readonly Lazy<MailTemplateRenderer> Shared = new(() => MailTemplateRenderer.Load(RepoPaths.Templates));

    public static readonly string[] Templates =
        ["task-assigned", "ticket-received", "ticket-resolved", "survey-invitation", "survey-reminder", "sla-warning", "sla-breached", "escalation", "scheduled-report"];

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var template in Templates)
        {
            data.Add(template, "zh-CN");
            data.Add(template, "en");
        }

        return data;
    }

    [Fact]
    public void Load_FindsEveryTemplateInBothCultures()
    {
        Shared.Value.TemplateNames.Should().BeEquivalentTo(Templates);
        foreach (var template in Templates)
        {
            Shared.Value.CulturesOf(template).Should().BeEquivalentTo("en", "zh-CN");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Render_MatchesGoldenFile(string template, string culture)
    {
        var mail = Shared.Value.Render(template, culture, GoldenModels.For(template), GoldenModels.Context);

        var failures = new List<string>();
        Compare($"{template}.{culture}.subject", mail.Subject + "\n", failures);
        Compare($"{template}.{culture}.html", mail.HtmlBody, failures);
        Compare($"{template}.{culture}.txt", mail.TextBody, failures);
        failures.Should().BeEmpty("rendered output must match the golden files (SERVICEFLOW_UPDATE_GOLDEN=1 regenerates them)");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Render_LinksOnlyToThePublicUrl_AndCustomersNeverToAStaffPage(string template, string culture)
    {
        var mail = Shared.Value.Render(template, culture, GoldenModels.For(template), GoldenModels.Context);

        foreach (var body in new[] { mail.HtmlBody, mail.TextBody })
        {
            var urls = System.Text.RegularExpressions.Regex.Matches(body, @"https?://[^\s""<>]+").Select(m => m.Value).ToList();
            urls.Where(url => !url.StartsWith(GoldenModels.PublicUrl.AbsoluteUri, StringComparison.Ordinal)).Should().BeEmpty("every link is absolute on ServiceFlow:PublicUrl");
            if (template is not ("ticket-received" or "ticket-resolved"))
                urls.Should().NotBeEmpty("{0} mail links to the page it is about", template);
            body.Should().NotContain("href=\"/", "a relative link does not open from a mail client");
            if (GoldenModels.CustomerTemplates.Contains(template))
            {
                body.Should().NotContain("/tickets/").And.NotContain("/tasks/").And.NotContain("/admin", "customers cannot open staff pages");
                body.Should().Contain("SR-2025-000123", "the customer gets the ticket number to quote");
            }
        }
    }

    [Fact]
    public void Render_ShowsTimesInTheDesksZone_AndBusinessDurationsInWords()
    {
        var warning = Shared.Value.Render("sla-warning", "en", GoldenModels.For("sla-warning"), GoldenModels.Context);
        warning.TextBody.Should().Contain("2025-03-14 16:30 (UTC+8)", "08:30 UTC is 16:30 in Shanghai").And.Contain("1 h 45 min left");

        var breached = Shared.Value.Render("sla-breached", "zh-CN", GoldenModels.For("sla-breached"), GoldenModels.Context);
        breached.TextBody.Should().Contain("1 个工作日 2 小时 5 分钟").And.NotContain("P1DT2H5M");
    }

    [Fact]
    public void Render_EscapesUserValuesInHtml_ButNotInTextOrSubject()
    {
        var model = new
        {
            recipient = new { name = "<script>alert('x')</script>" },
            ticket = new { number = "SR-1", title = "<b>bold</b> & \"quoted\"", priority = "P1" },
            task = new { name = "<b>bold</b> & \"quoted\"", due = (DateTimeOffset?)null },
            link = "https://example.com/?a=1&b=\"><script>",
        };

        var mail = Shared.Value.Render("task-assigned", "en", model);

        mail.HtmlBody.Should().NotContain("<script>").And.NotContain("<b>bold</b>");
        mail.HtmlBody.Should().Contain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
        mail.HtmlBody.Should().Contain("&lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot;");
        mail.HtmlBody.Should().Contain("href=\"https://example.com/?a=1&amp;b=&quot;&gt;&lt;script&gt;\"");
        mail.TextBody.Should().Contain("<script>alert('x')</script>");
        mail.Subject.Should().Contain("<b>bold</b> & \"quoted\"");
    }

    [Fact]
    public void Render_StripsLineBreaksFromSubject()
    {
        var model = new
        {
            recipient = new { name = "A" },
            ticket = new { number = "SR-1", title = "Printer\r\nBcc: victim@example.com", priority = "P3" },
            sla = new { response_due = DateTimeOffset.UnixEpoch },
            link = "https://example.com",
        };

        var mail = Shared.Value.Render("ticket-received", "en", model);

        mail.Subject.Should().Be("[SR-1] We have received your request: Printer Bcc: victim@example.com");
    }

    [Theory]
    [InlineData("en", "zh-CN", "en")]
    [InlineData("en-GB", "zh-CN", "en")]
    [InlineData("zh-CN", "en", "zh-CN")]
    [InlineData("fr-FR", "zh-CN", "zh-CN")]
    [InlineData(null, "zh-CN", "zh-CN")]
    [InlineData("fr-FR", "de-DE", "en")]
    [InlineData("not a culture!", "zh-CN", "zh-CN")]
    public void ResolveCulture_FallsBackFromRecipientToOrganisationToEnglish(string? recipient, string organisationDefault, string expected)
    {
        var renderer = MailTemplateRenderer.Load(RepoPaths.Templates, organisationDefault);

        renderer.ResolveCulture("ticket-received", recipient).Should().Be(expected);
    }

    [Fact]
    public void Render_UsesFallbackCultureTemplates()
    {
        var renderer = MailTemplateRenderer.Load(RepoPaths.Templates, "zh-CN");

        var mail = renderer.Render("ticket-received", "fr-FR", GoldenModels.For("ticket-received"));

        mail.Subject.Should().StartWith("[SR-2025-000123] 我们已收到您的服务请求");
        mail.HtmlBody.Should().Contain("<html lang=\"zh-CN\">");
    }

    [Fact]
    public void Load_MalformedTemplate_ThrowsWithFileAndLine()
    {
        var copy = Directory.CreateTempSubdirectory("serviceflow-templates-");
        try
        {
            CopyDirectory(RepoPaths.Templates, copy.FullName);
            var broken = Path.Combine(copy.FullName, "sla-warning", "en.txt.sbn");
            File.WriteAllText(broken, "Dear {{ recipient.name }},\n\nline two\n{{ if ticket.number }}never closed\n");

            var load = () => MailTemplateRenderer.Load(copy.FullName);

            load.Should().Throw<InvalidOperationException>()
                .WithMessage($"*{broken}(4,*")
                .Which.Message.Should().Contain("en.txt.sbn");
        }
        finally
        {
            copy.Delete(recursive: true);
        }
    }

    [Fact]
    public void Render_MissingModelField_ThrowsNamingTheTemplate()
    {
        var render = () => Shared.Value.Render("ticket-received", "en", new { recipient = new { name = "A" } });

        render.Should().Throw<InvalidOperationException>().WithMessage("*ticket-received*");
    }

    private static void Compare(string fileName, string actual, List<string> failures)
    {
        var path = Path.Combine(GoldenDirectory, fileName);
        if (UpdateGolden)
        {
            Directory.CreateDirectory(GoldenDirectory);
            File.WriteAllText(path, actual);
            return;
        }

        if (!File.Exists(path))
        {
            failures.Add($"{fileName}: missing golden file (run with SERVICEFLOW_UPDATE_GOLDEN=1)");
        }
        else if (File.ReadAllText(path) != actual)
        {
            failures.Add($"{fileName} differs:\n--- expected\n{File.ReadAllText(path)}\n--- actual\n{actual}");
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}

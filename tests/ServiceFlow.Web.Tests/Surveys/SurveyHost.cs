using System.Globalization;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Tests.Infrastructure;
using ServiceFlow.Web.Tests.Infrastructure.Mail;
using ServiceFlow.Web.Tests.Runtime;

namespace ServiceFlow.Web.Tests.Surveys;

/// The real host wired to the real SMTP sink and dovecot, with the shipped callback-survey workflow
/// republished with a one-second delay instead of one business hour.
internal static partial class SurveyHost
{
    public static async Task<(ServiceFlowApp App, RuntimeClient Api)> StartAsync(MailServersFixture mail, string dbPrefix, params (string, string)[] extra)
    {
        var inv = CultureInfo.InvariantCulture;
        var app = ServiceFlowApp.StartOn(await TestDatabase.CreateDatabaseAsync(dbPrefix), runJobs: true,
        [
            ("Smtp:Host", mail.Smtp.Host), ("Smtp:Port", mail.Smtp.Port.ToString(inv)), ("Smtp:TlsMode", "None"),
            ("Smtp:FromAddress", "desk@serviceflow.test"), ("Smtp:TimeoutSeconds", "5"),
            ("Imap:Host", mail.Imap.Host), ("Imap:Port", mail.Imap.Port.ToString(inv)), ("Imap:TlsMode", "None"),
            ("Imap:UserName", mail.Imap.UserName), ("Imap:Password", mail.Imap.Password), ("Imap:PollSeconds", "3600"),
            ("Imap:MaxMessagesPerPoll", "1000"),
            ("Email:Outbox:RetryDelaysSeconds:0", "1"), ("Email:Outbox:RetryDelaysSeconds:1", "2"), ("ServiceFlow:PublicUrl", "http://localhost"), ("Runtime:SweepSeconds", "1"), .. extra,
        ]);
        var api = new RuntimeClient(app.CreateAdminApiClient());
        var xml = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "workflows", "callback-survey.bpmn"));
        // One second of wall time instead of one business hour: with the calendar kept, a run after 17:00
        // Asia/Shanghai would wait for the next morning. Business-time timers are tested with a fake clock.
        await api.PublishAsync(xml.Replace("<timeDuration>PT1H</timeDuration>", "<timeDuration>PT1S</timeDuration>", StringComparison.Ordinal)
            .Replace("name=\"Wait one business hour\" sf:calendar=\"default\"", "name=\"Wait one second\"", StringComparison.Ordinal));
        return (app, api);
    }

    public static object Variables(string number, string email, string culture = "en", string[]? handledBy = null) => new
    {
        customerEmail = email,
        customerName = "Wang Xiaoming",
        customerCulture = culture,
        handledBy = handledBy ?? ["li.gong"],
        supervisor = "zhang.supervisor",
        ticket = new { number, title = "VPN drops <every hour>" },
    };

    public static string NewTicketNumber() => $"SE-2026-{Random.Shared.Next(0, 999_999):D6}";

    public static async Task<Guid> StartSurveyAsync(RuntimeClient api, string number, object variables)
    {
        var response = await api.Http.PostAsJsonAsync("/api/surveys", new { businessKey = number, variables });
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("instanceId").GetGuid();
    }

    public static async Task<MimeMessage> WaitForMailAsync(MailServersFixture mail, string address, Func<MimeMessage, bool>? also = null)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var hit = mail.Smtp.ReceivedMessages().FirstOrDefault(m =>
                m.To.Mailboxes.Any(b => b.Address == address) && (also is null || also(m)));
            if (hit is not null)
                return hit;
            if (DateTime.UtcNow > until)
                throw new TimeoutException($"No mail to {address} arrived.");
            await Task.Delay(200);
        }
    }

    public static string SurveyPath(MimeMessage invitation)
    {
        var match = SurveyLink().Match(invitation.TextBody ?? "");
        match.Success.Should().BeTrue($"the invitation should carry a survey link:\n{invitation.TextBody}");
        return match.Value["http://localhost".Length..];
    }

    public static string Antiforgery(string html)
    {
        var match = AntiforgeryField().Match(html);
        match.Success.Should().BeTrue("the form should carry an antiforgery token");
        return System.Net.WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// A browser-like client signed in with the login form (cookie), e.g. as admin.
    public static async Task<HttpClient> SignInAsync(ServiceFlowApp app, string userName, string password)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var login = await (await client.GetAsync("/account/login")).Content.ReadAsStringAsync();
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
            ["__RequestVerificationToken"] = Antiforgery(login),
        }));
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.Redirect, "signing in as {0} should succeed", userName);
        return client;
    }

    public static string Outcome(string html) => OutcomeAttribute().Match(html).Groups[1].Value;

    public static async Task<T> WithDbAsync<T>(ServiceFlowApp app, Func<ServiceFlowDbContext, Task<T>> query)
    {
        using var scope = app.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>());
    }

    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, int seconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > until)
                throw new TimeoutException($"Timed out waiting until {what}.");
            await Task.Delay(200);
        }
    }

    [GeneratedRegex(@"http://localhost/survey/[^\s""<>]+")]
    private static partial Regex SurveyLink();

    [GeneratedRegex(@"name=""__RequestVerificationToken""[^>]*value=""([^""]+)""")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex(@"data-outcome=""(\w+)""")]
    private static partial Regex OutcomeAttribute();
}

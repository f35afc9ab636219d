using System.Globalization;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using MiniExcelLibs;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Tests.Infrastructure;
using ServiceFlow.Web.Tests.Infrastructure.Mail;
using ServiceFlow.Web.Tests.Tickets;

namespace ServiceFlow.Web.Tests.Reports;

/// Hosts and helpers for the scheduled-report tests: nodes on one database with a job server each, mail to the
/// shared SMTP sink, links on https://desk.example.test.
public static class ScheduledMail
{
    public const string PublicUrl = "https://desk.example.test";

    public static ServiceFlowApp Node(string connectionString, SmtpSinkServer smtp) => ServiceFlowApp.StartOn(connectionString, runJobs: true,
        ("Smtp:Host", smtp.Host), ("Smtp:Port", smtp.Port.ToString(CultureInfo.InvariantCulture)), ("Smtp:TlsMode", "None"),
        ("Smtp:FromAddress", "desk@serviceflow.test"), ("Smtp:TimeoutSeconds", "5"), ("ServiceFlow:PublicUrl", PublicUrl),
        ("Email:Outbox:RetryDelaysSeconds:0", "1"), ("Email:Outbox:RetryDelaysSeconds:1", "2"), ("Email:Outbox:MaxAttempts", "1000"),
        ("Runtime:SweepSeconds", "1"), ("Reports:MaxStalenessSeconds", "0"));

    /// A report reader with an e-mail address and a language.
    public static async Task UserAsync(ServiceFlowApp app, string userName, string role, string email, string culture) =>
        (await app.CreateAdminApiClient().PostAsJsonAsync("/api/admin/users",
            new { userName, password = People.Password, displayName = userName, email, culture, roles = new[] { role } })).EnsureSuccessStatusCode();

    public static async Task<Guid> SubscribeAsync(HttpClient client, object request)
    {
        var response = await client.PostAsJsonAsync("/api/reports/subscriptions", request);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.Created, body);
        return System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
    }

    public static List<MimeMessage> ReceivedBy(SmtpSinkServer smtp, string addressPrefix) =>
        [.. smtp.ReceivedMessages().Where(m => m.To.Mailboxes.Any(b => b.Address.StartsWith(addressPrefix, StringComparison.Ordinal)))];

    public static async Task<List<MimeMessage>> WaitForAsync(SmtpSinkServer smtp, ServiceFlowApp app, string addressPrefix, int count)
    {
        var until = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var hits = ReceivedBy(smtp, addressPrefix);
            if (hits.Count >= count)
                return hits;
            if (DateTime.UtcNow > until)
            {
                using var scope = app.Services.CreateScope();
                var rows = await scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>().Outbox.AsNoTracking()
                    .Where(m => m.To.StartsWith(addressPrefix)).Select(m => $"{m.To}: {m.Status} after {m.Attempts} ({m.LastError})").ToListAsync();
                throw new TimeoutException($"{hits.Count} of {count} mails to {addressPrefix}* arrived; outbox: {string.Join("; ", rows)}");
            }
            await Task.Delay(200);
        }
    }

    public static (string Name, MemoryStream Xlsx) Workbook(MimeMessage message)
    {
        var part = message.Attachments.OfType<MimePart>().Single();
        var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        stream.Position = 0;
        return (part.FileName ?? "", stream);
    }

    public static List<IDictionary<string, object>> Sheet(Stream xlsx, string sheet)
    {
        xlsx.Position = 0;
        return [.. MiniExcel.Query(xlsx, useHeaderRow: true, sheetName: sheet).Cast<IDictionary<string, object>>()];
    }
}

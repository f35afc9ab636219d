using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ServiceFlow.Web.Tests.Sla;

/// The admin API checks what it stores, and the preview answers in business time.
public sealed class SlaAdminTests(SlaFakeClockApp app) : IClassFixture<SlaFakeClockApp>
{
    [Fact]
    public async Task Preview_AddsBusinessHoursOfTheDefaultCalendar()
    {
        var admin = app.CreateAdminApiClient();
        var response = await admin.PostAsJsonAsync("/api/sla/preview", new { calendar = "default", start = "2026-06-01T16:00:00+08:00", duration = "PT2H" });
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var due = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("due").GetDateTimeOffset();
        due.Should().Be(new DateTimeOffset(2026, 6, 2, 9, 0, 0, TimeSpan.FromHours(8)), "one hour on Monday, the night skipped, one hour from 08:00");
    }

    [Fact]
    public async Task SaveCalendar_WithOverlappingHours_IsRefusedWithTheReason()
    {
        var admin = app.CreateAdminApiClient();
        var response = await admin.PutAsJsonAsync("/api/sla/calendars/broken", new { timeZone = "Asia/Shanghai", weeklyHours = new[] { "Monday 08:00-12:00", "Monday 11:00-17:00" } });
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("overlap");
    }

    [Fact]
    public async Task IcsImport_AddsAllDayEventsAsHolidays()
    {
        var admin = app.CreateAdminApiClient();
        await SlaClient.PutCalendarAsync(admin, "ics-test", new { timeZone = "Asia/Shanghai" });
        const string ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261001\r\nDTEND;VALUE=DATE:20261003\r\nSUMMARY:National Day\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        var response = await admin.PostAsync("/api/sla/calendars/ics-test/ics", new StringContent(ics, System.Text.Encoding.UTF8, "text/calendar"));
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var holidays = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("holidays").EnumerateArray().Select(h => h.GetString()).ToList();
        holidays.Should().Contain(["2026-10-01", "2026-10-02"]);
    }

    [Fact]
    public async Task AdminPages_ListSeededCalendarAndPolicies()
    {
        var admin = await SignInAsync();
        var calendars = await admin.GetAsync("/admin/sla/calendars");
        calendars.StatusCode.Should().Be(HttpStatusCode.OK);
        (await calendars.Content.ReadAsStringAsync()).Should().Contain("Asia/Shanghai");
        var policies = await admin.GetAsync("/admin/sla/policies?edit=P1");
        policies.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await policies.Content.ReadAsStringAsync());
        html.Should().MatchRegex("(15 min|15 分钟)").And.NotContain("PT15M", "durations are words, never ISO 8601");
    }

    async Task<HttpClient> SignInAsync()
    {
        var client = app.CreateClient();
        var form = await client.GetStringAsync("/account/login");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = "admin",
            ["Input.Password"] = Infrastructure.ServiceFlowApp.AdminPassword,
            ["__RequestVerificationToken"] = token,
        }));
        response.IsSuccessStatusCode.Should().BeTrue();
        return client;
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ServiceFlow.Web.Tests.Infrastructure;
using ServiceFlow.Web.Tests.Infrastructure.Mail;

namespace ServiceFlow.Web.Tests.Sla;

/// The calendar admin page and the shipped mainland China holidays.
public sealed partial class SlaCalendarAdminTests(SlaFakeClockApp app) : IClassFixture<SlaFakeClockApp>
{
    static readonly string ShippedIcs = Path.Combine(RepoPaths.Root, "calendars", "cn-holidays-2026-2027.ics");

    [Fact]
    public async Task CalendarPage_SavedWithoutHolidaysOrExtraWorkingDays_Answers200()
    {
        var admin = await SignInAsync();
        var form = await admin.GetStringAsync("/admin/sla/calendars");

        var saved = await admin.PostAsync("/admin/sla/calendars", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Name"] = "plain",
            ["TimeZone"] = "Asia/Shanghai",
            ["WeeklyHours"] = "Monday 09:00-18:00\nTuesday 09:00-18:00",
            ["Holidays"] = "",
            ["ExtraWorkingDays"] = "",
            ["__RequestVerificationToken"] = Token(form),
        }));

        saved.StatusCode.Should().Be(HttpStatusCode.OK, "the save redirects to the calendar it saved");
        (await saved.Content.ReadAsStringAsync()).Should().Contain("data-calendar=\"plain\"");
        var calendars = await app.CreateAdminApiClient().GetFromJsonAsync<JsonElement>("/api/sla/calendars");
        var plain = calendars.EnumerateArray().Single(c => c.GetProperty("name").GetString() == "plain");
        plain.GetProperty("extraWorkingDays").GetArrayLength().Should().Be(0);
        plain.GetProperty("weeklyHours").EnumerateArray().Select(h => h.GetString()).Should().Equal("Monday 09:00-18:00", "Tuesday 09:00-18:00");
    }

    [Fact]
    public async Task CalendarPage_ABadDate_IsShownAsAnError_NotA500()
    {
        var admin = await SignInAsync();
        var form = await admin.GetStringAsync("/admin/sla/calendars");

        var saved = await admin.PostAsync("/admin/sla/calendars", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Name"] = "typo",
            ["TimeZone"] = "Asia/Shanghai",
            ["Holidays"] = "2026-13-01",
            ["__RequestVerificationToken"] = Token(form),
        }));

        saved.StatusCode.Should().Be(HttpStatusCode.OK);
        WebUtility.HtmlDecode(await saved.Content.ReadAsStringAsync()).Should().Contain("'2026-13-01' is not a date like 2026-10-01");
    }

    [Fact]
    public async Task IcsImport_OfTheShippedFile_GivesThe2026HolidaysAndMakeUpWorkingDays()
    {
        var admin = app.CreateAdminApiClient();
        await SlaClient.PutCalendarAsync(admin, "cn-office", new { timeZone = "Asia/Shanghai", weeklyHours = new[] { "Monday 09:00-18:00", "Friday 09:00-18:00" } });

        var response = await admin.PostAsync("/api/sla/calendars/cn-office/ics", new StringContent(await File.ReadAllTextAsync(ShippedIcs), System.Text.Encoding.UTF8, "text/calendar"));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var calendar = await response.Content.ReadFromJsonAsync<JsonElement>();
        var holidays = calendar.GetProperty("holidays").EnumerateArray().Select(h => h.GetString()!).ToList();
        holidays.Should().Contain(["2026-01-01", "2026-02-15", "2026-02-23", "2026-04-06", "2026-05-05", "2026-06-19", "2026-09-25", "2026-10-01", "2026-10-07"]);
        holidays.Count(h => h.StartsWith("2026-", StringComparison.Ordinal)).Should().Be(33, "3 + 9 + 3 + 5 + 3 + 3 + 7 days off in 2026");
        holidays.Should().NotContain("2026-02-14", "a make-up working day is not a holiday");
        calendar.GetProperty("extraWorkingDays").EnumerateArray().Select(d => d.GetString()).Should().Contain(
            ["2026-01-04 09:00-18:00", "2026-02-14 09:00-18:00", "2026-02-28 09:00-18:00", "2026-05-09 09:00-18:00", "2026-09-20 09:00-18:00", "2026-10-10 09:00-18:00"],
            "make-up days get Monday's hours");

        var again = await admin.PostAsync("/api/sla/calendars/cn-office/ics", new StringContent(await File.ReadAllTextAsync(ShippedIcs), System.Text.Encoding.UTF8, "text/calendar"));
        (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("extraWorkingDays").GetArrayLength()
            .Should().Be(calendar.GetProperty("extraWorkingDays").GetArrayLength(), "importing twice adds nothing");
    }

    [Fact]
    public async Task DefaultCalendar_IsSeededWithTheShippedHolidays_AndCountsThemClosed()
    {
        var admin = app.CreateAdminApiClient();
        var calendars = await admin.GetFromJsonAsync<JsonElement>("/api/sla/calendars");
        var seeded = calendars.EnumerateArray().Single(c => c.GetProperty("name").GetString() == "default");
        seeded.GetProperty("holidays").EnumerateArray().Select(h => h.GetString()).Should().Contain(["2026-10-01", "2027-02-06"]);

        var preview = await admin.PostAsJsonAsync("/api/sla/preview", new { calendar = "default", start = "2026-09-30T16:00:00+08:00", duration = "PT2H" });
        (await preview.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("due").GetDateTimeOffset()
            .Should().Be(new DateTimeOffset(2026, 10, 8, 9, 0, 0, TimeSpan.FromHours(8)), "National Day week is closed");
    }

    async Task<HttpClient> SignInAsync()
    {
        var client = app.CreateClient();
        var form = await client.GetStringAsync("/account/login");
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = "admin",
            ["Input.Password"] = ServiceFlowApp.AdminPassword,
            ["__RequestVerificationToken"] = Token(form),
        }));
        response.IsSuccessStatusCode.Should().BeTrue();
        return client;
    }

    static string Token(string html) => AntiforgeryField().Match(html).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

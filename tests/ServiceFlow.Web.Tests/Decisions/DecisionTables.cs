using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ServiceFlow.Web.Tests.Infrastructure;
using ServiceFlow.Web.Tests.Infrastructure.Mail;

namespace ServiceFlow.Web.Tests.Decisions;

/// The shipped decision tables, changed the way a process owner would, and published through /api/decisions.
internal static class DecisionTables
{
    public static string Shipped(string key) => File.ReadAllText(Path.Combine(RepoPaths.Root, "decisions", $"{key}.dmn"));

    /// The priority matrix with one cell changed, e.g. ("low", "low") → "P1".
    public static string MatrixWith(string impact, string urgency, string priority)
    {
        var cell = new Regex($"(<outputEntry id=\"rule-{impact}-{urgency}-priority\"><text>)\"P\\d\"(</text>)");
        var xml = Shipped("priority-matrix");
        cell.IsMatch(xml).Should().BeTrue($"the shipped matrix has a cell for impact {impact}, urgency {urgency}");
        return cell.Replace(xml, $"$1\"{priority}\"$2");
    }

    /// The routing table with a first rule sending `serviceType` (any priority) to `group`.
    public static string RoutingWith(string serviceType, string group) =>
        Shipped("routing").Replace("      <rule id=\"rule-system-operations\">", $"""
                  <rule id="rule-test-{serviceType}">
                    <inputEntry id="rule-test-{serviceType}-type"><text>"{serviceType}"</text></inputEntry>
                    <inputEntry id="rule-test-{serviceType}-priority"><text>-</text></inputEntry>
                    <outputEntry id="rule-test-{serviceType}-group"><text>"{group}"</text></outputEntry>
                  </rule>
                  <rule id="rule-system-operations">
            """, StringComparison.Ordinal);

    public static async Task<uint> DraftVersionAsync(HttpClient http, string key)
    {
        var response = await http.GetAsync($"/api/decisions/{key}/draft");
        if (response.StatusCode == HttpStatusCode.NotFound)
            return 0;
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("draftVersion").GetUInt32();
    }

    public static Task<HttpResponseMessage> SaveAsync(HttpClient http, string key, string xml, uint baseVersion) =>
        http.PutAsync($"/api/decisions/{key}/draft?baseVersion={baseVersion}", new StringContent(xml, Encoding.UTF8, "application/xml"));

    /// Saves `xml` as the draft of `key` and publishes it; returns the publish response's body.
    public static async Task<JsonElement> PublishAsync(HttpClient http, string key, string xml)
    {
        var saved = await SaveAsync(http, key, xml, await DraftVersionAsync(http, key));
        saved.StatusCode.Should().Be(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        var published = await http.PostAsync($"/api/decisions/{key}/publish", null);
        published.IsSuccessStatusCode.Should().BeTrue(await published.Content.ReadAsStringAsync());
        return await published.Content.ReadFromJsonAsync<JsonElement>();
    }
}

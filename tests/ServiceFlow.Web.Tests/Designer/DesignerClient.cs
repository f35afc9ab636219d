using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ServiceFlow.Web.Tests.Designer;

/// The designer's draft/publish API as tests use it.
internal sealed class DesignerClient(HttpClient http)
{
    public HttpClient Http => http;

    public Task<HttpResponseMessage> SaveAsync(string key, string xml, uint? baseVersion)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/workflows/{key}/draft") { Content = new StringContent(xml, Encoding.UTF8, "application/xml") };
        if (baseVersion is { } v)
            request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{v}\""));
        return http.SendAsync(request);
    }

    public async Task<JsonElement> SaveOkAsync(string key, string xml, uint? baseVersion)
    {
        var response = await SaveAsync(key, xml, baseVersion);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<JsonElement> DraftAsync(string key) => await http.GetFromJsonAsync<JsonElement>($"/api/workflows/{key}/draft");

    public Task<HttpResponseMessage> PublishAsync(string key) => http.PostAsync($"/api/workflows/{key}/publish", null);

    public async Task<int> PublishedVersionAsync(string key, HttpStatusCode expected = HttpStatusCode.Created)
    {
        var response = await PublishAsync(key);
        response.StatusCode.Should().Be(expected, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32();
    }

    public static uint Version(JsonElement body) => body.GetProperty("draftVersion").GetUInt32();
}

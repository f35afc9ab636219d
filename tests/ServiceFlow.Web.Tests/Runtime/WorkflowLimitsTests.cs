using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ServiceFlow.Web.Tests.Infrastructure;

namespace ServiceFlow.Web.Tests.Runtime;

/// Documents the host must refuse with a 400 that says why, without the process going down.
public sealed class WorkflowLimitsTests(ServiceFlowApp app) : IClassFixture<ServiceFlowApp>
{
    readonly RuntimeClient api = new(app.CreateAdminApiClient());

    /// 60 000 nested sub-processes in about 2.2 MB: once a stack overflow that killed the host.
    static string DeepModel(string key, int depth) => Models.Wrap(key,
        string.Concat(Enumerable.Range(1, depth).Select(i => $"<subProcess id=\"p{i}\">")) + string.Concat(Enumerable.Repeat("</subProcess>", depth)));

    static async Task<string> DetailOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).ToString();

    [Theory]
    [InlineData("/api/workflows/validate")]
    [InlineData("/api/workflows")]
    public async Task DeeplyNestedModel_Gets400NamingTheLimit_AndTheHostStillAnswers(string endpoint)
    {
        var xml = DeepModel(Models.Unique("deep"), 60_000);
        Encoding.UTF8.GetByteCount(xml).Should().BeInRange(2_000_000, 3_000_000);

        var response = await api.Http.PostAsync(endpoint, new StringContent(xml, Encoding.UTF8, "application/xml"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await DetailOf(response)).Should().Contain("at most 100 levels");
        var after = await api.Http.GetAsync("/api/workflows");
        after.StatusCode.Should().Be(HttpStatusCode.OK, "the host survived the request");
    }

    [Fact]
    public async Task SubProcessesNestedPastFifty_Get400NamingTheSubProcessLimit()
    {
        var response = await api.Http.PostAsync("/api/workflows/validate",
            new StringContent(DeepModel(Models.Unique("deep"), 51), Encoding.UTF8, "application/xml"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await DetailOf(response)).Should().Contain("Sub-process 'p51'").And.Contain("at most 50 nested sub-processes");
    }

    [Fact]
    public async Task InvalidUtf8_IsRefusedWithItsByteOffset_NotStoredAsReplacementCharacters()
    {
        var key = Models.Unique("latin");
        var text = Models.Approval(key).Replace("name=\"Approve\"", "name=\"Approuvé\"", StringComparison.Ordinal);
        var bytes = Encoding.Latin1.GetBytes(text); // é as the single byte 0xE9: not UTF-8
        var offset = Array.IndexOf(bytes, (byte)0xE9);

        var response = await api.Http.PostAsync("/api/workflows", new ByteArrayContent(bytes) { Headers = { { "Content-Type", "application/xml" } } });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await DetailOf(response)).Should().Contain($"byte 0xE9 at offset {offset}");
        (await api.Http.GetAsync($"/api/workflows/{key}/versions")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ServiceFlow.Web.Tests.Runtime;

/// The runtime's HTTP API as tests use it.
internal sealed class RuntimeClient(HttpClient http)
{
    public HttpClient Http => http;

    public async Task<JsonElement> PublishAsync(string xml, HttpStatusCode expected = HttpStatusCode.Created)
    {
        var response = await http.PostAsync("/api/workflows", new StringContent(xml, Encoding.UTF8, "application/xml"));
        response.StatusCode.Should().Be(expected, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<Guid> StartAsync(string key, object? variables = null, string? businessKey = null)
    {
        var response = await http.PostAsJsonAsync("/api/instances", new { workflowKey = key, businessKey, variables = variables ?? new { } });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public async Task<JsonElement> InstanceAsync(Guid id) => await http.GetFromJsonAsync<JsonElement>($"/api/instances/{id}");

    public async Task<string> StatusAsync(Guid id) => (await InstanceAsync(id)).GetProperty("status").GetString()!;

    public async Task<JsonElement[]> TasksAsync(Guid instanceId, string status = "Open") =>
        (await http.GetFromJsonAsync<JsonElement[]>($"/api/tasks?instanceId={instanceId}&status={status}"))!;

    public async Task<JsonElement[]> JournalAsync(Guid id) => (await http.GetFromJsonAsync<JsonElement[]>($"/api/instances/{id}/journal"))!;

    public Task<HttpResponseMessage> CompleteAsync(Guid taskId, object? variables = null) =>
        http.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { variables = variables ?? new { } });

    /// Polls until the instance reaches `status` (timers and async work run in Hangfire, on other threads).
    public async Task WaitForStatusAsync(Guid id, string status, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        string current;
        while ((current = await StatusAsync(id)) != status)
        {
            if (DateTime.UtcNow > until)
                throw new TimeoutException($"Instance {id} is {current}, not {status}, after {timeout.TotalSeconds} s.");
            await Task.Delay(100);
        }
    }
}

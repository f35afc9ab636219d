using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ServiceFlow.Web.Tests.Reports;

internal static class ImportClient
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, byte[] file, string fileName, string format, string? mapping = null, string? onError = null)
    {
        using var form = new MultipartFormDataContent { { new StringContent(format), "format" }, { new ByteArrayContent(file), "file", fileName } };
        if (mapping is not null)
            form.Add(new StringContent(mapping), "mapping");
        if (onError is not null)
            form.Add(new StringContent(onError), "onError");
        return await client.PostAsync("/api/imports", form);
    }

    /// Uploads, expects 202 with an id, and waits (bounded) until the import has ended.
    public static async Task<JsonElement> ImportAsync(HttpClient client, byte[] file, string fileName, string format, string? mapping = null, string? onError = null)
    {
        var response = await PostAsync(client, file, fileName, format, mapping, onError);
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        response.Headers.Location!.ToString().Should().Be($"/api/imports/{id}");
        for (var i = 0; i < 1200; i++)
        {
            var state = await client.GetFromJsonAsync<JsonElement>($"/api/imports/{id}");
            if (state.GetProperty("state").GetString() is "Succeeded" or "Failed")
                return state;
            await Task.Delay(250);
        }
        throw new TimeoutException($"Import {id} did not end within five minutes.");
    }
}

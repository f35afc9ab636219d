using System.Net.Http.Json;
using System.Text.Json;
using ServiceFlow.Web.Tests.Infrastructure;

namespace ServiceFlow.Web.Tests.Tickets;

/// Creates staff accounts through the admin API and gives each its own signed-in API client.
internal static class People
{
    public const string Password = "Staff-Passw0rd-1";

    public static async Task<HttpClient> CreateAsync(ServiceFlowApp app, string userName, params string[] roles)
    {
        var admin = app.CreateAdminApiClient();
        var created = await admin.PostAsJsonAsync("/api/admin/users", new { userName, password = Password, displayName = userName, roles });
        created.EnsureSuccessStatusCode();
        var client = app.CreateClient();
        var token = await client.PostAsJsonAsync("/api/auth/token", new { userName, password = Password });
        token.EnsureSuccessStatusCode();
        client.DefaultRequestHeaders.Authorization = new("Bearer", (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        return client;
    }
}

using System.Text.Json;
using ServiceFlow.Web.Tests.Infrastructure;

namespace ServiceFlow.Web.Tests.Security;

/// A bounded, deterministic fuzz of every operation in /openapi/v1.json, run as the administrator (so
/// authorization lets each request through to the code behind it) against the real host and database:
/// bad input must get a 4xx that says what is wrong, never a 5xx.
public sealed class ApiFuzzTests(ServiceFlowApp app) : IClassFixture<ServiceFlowApp>
{
    const int Seed = 20261205;
    const int MaxRequests = 4500; // about 30 cases per operation; raised with the request catalog's five operations

    [Fact]
    public async Task EveryOperation_AnswersMalformedInput_WithA4xx_NeverA5xx()
    {
        var admin = app.CreateAdminApiClient();
        var targets = await FuzzTargets.CreateAsync(admin);
        using var openApi = JsonDocument.Parse(await admin.GetStringAsync("/openapi/v1.json"));
        var cases = new FuzzCases(openApi.RootElement, targets, new Random(Seed));
        var failures = new List<string>();
        var sent = 0;
        var operations = 0;
        foreach (var path in openApi.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name != "parameters"))
            {
                operations++;
                foreach (var fuzz in cases.For(path.Name, operation.Name.ToUpperInvariant(), operation.Value))
                {
                    sent++;
                    using var request = new HttpRequestMessage(new HttpMethod(fuzz.Method), fuzz.Path) { Content = fuzz.Body() };
                    using var response = await admin.SendAsync(request);
                    if ((int)response.StatusCode >= 500)
                    {
                        var detail = await response.Content.ReadAsStringAsync();
                        failures.Add($"{fuzz.Method} {path.Name} [{fuzz.What}] → {(int)response.StatusCode} {detail[..Math.Min(detail.Length, 300)]}");
                    }
                }
            }
        }

        operations.Should().BeGreaterThan(50, "the document should describe every operation of the API");
        sent.Should().BeLessThanOrEqualTo(MaxRequests, "the fuzz is bounded");
        failures.Should().BeEmpty($"{sent} malformed requests to {operations} operations should all get a 4xx, but these got a 5xx:\n{string.Join("\n", failures)}");
    }
}

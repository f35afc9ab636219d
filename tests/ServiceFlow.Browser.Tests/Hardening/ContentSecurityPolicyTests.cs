using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Tickets;
using ServiceFlow.Web.Tests.Infrastructure;

namespace ServiceFlow.Browser.Tests.Hardening;

/// Every page works under the Content-Security-Policy: the designer (bpmn-js and its properties panel),
/// the diagram viewers, inline scripts and styles. Chromium reports each blocked script, style or image
/// as a `securitypolicyviolation` event, which the page collects from its first byte.
public sealed class ContentSecurityPolicyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    const string CollectViolations = """
        window.__csp = [];
        document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`));
        """;

    [Fact]
    public async Task EveryPage_IncludingTheDesignerAndTheViewers_RunsWithoutCspViolations()
    {
        using var api = new HttpClient { BaseAddress = app.BaseAddress };
        api.DefaultRequestHeaders.Authorization = new("Bearer", ServiceFlowApp.AdminToken);
        var created = await api.PostAsJsonAsync("/api/tickets", new
        {
            title = "CSP check",
            description = "printer on fire",
            serviceType = "SystemOperations",
            serviceObject = "CRM",
            discoveredAt = DateTimeOffset.UtcNow,
            channel = "Phone",
            priority = "P3",
        });
        created.IsSuccessStatusCode.Should().BeTrue(await created.Content.ReadAsStringAsync());
        var number = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString()!;
        Guid instance;
        using (var scope = app.Services.CreateScope())
            instance = (await scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>().Tickets.SingleAsync(t => t.Number == number)).InstanceId!.Value;
        var page = await SignedInPageAsync();

        foreach (var path in new[] { "/", "/inbox", "/tickets", "/tickets/new", $"/tickets/{number}", "/knowledge", "/board", "/workflows",
                     $"/instances/{instance}", "/admin/mail", "/admin/sla/calendars", "/admin/sla/policies", "/account/password", "/survey/not-a-token", "/hangfire" })
        {
            var response = await page.GotoAsync(path);
            response!.Status.Should().BeLessThan(500, path);
            var policy = await response.HeaderValueAsync("content-security-policy");
            policy.Should().NotBeNull(path);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            (await page.EvaluateAsync<string[]>("() => window.__csp")).Should().BeEmpty($"{path} should run under the policy {policy} {response.Url}");
        }

        // The viewers did draw (bpmn-js), not merely load without complaint.
        foreach (var viewer in new[] { $"/instances/{instance}", $"/tickets/{number}" })
        {
            await page.GotoAsync(viewer);
            await Assertions.Expect(page.Locator("#diagram .djs-element[data-element-id]").First).ToBeAttachedAsync();
            (await page.EvaluateAsync<string[]>("() => window.__csp")).Should().BeEmpty(viewer);
        }
    }

    [Fact]
    public async Task TheDesigner_ModelsAndSaves_UnderThePolicy_WhileAnInjectedScriptIsBlocked()
    {
        var page = await SignedInPageAsync();
        var key = "csp-" + Guid.NewGuid().ToString("N")[..8];

        await page.GotoAsync($"/workflows/{key}/design");
        await Assertions.Expect(page.Locator("#canvas .djs-container")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#properties .bio-properties-panel")).ToBeAttachedAsync();
        await page.EvaluateAsync("""
            () => {
              const m = window.serviceFlowDesigner.modeler;
              const task = m.get('bpmnFactory').create('bpmn:UserTask', { id: 'check', name: 'Check' });
              const shape = m.get('elementFactory').createShape({ type: 'bpmn:UserTask', businessObject: task });
              m.get('modeling').createShape(shape, { x: 400, y: 200 }, m.get('canvas').getRootElement());
              window.serviceFlowDesigner.selectElement('check');
            }
            """);
        await page.GetByTestId("save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("status")).ToContainTextAsync("Saved draft version");
        (await page.EvaluateAsync<string[]>("() => window.__csp")).Should().BeEmpty();

        // The control: markup that reached the page some other way gets no nonce and does not run.
        var ran = await page.EvaluateAsync<bool>("""
            async () => {
              const s = document.createElement('script');
              s.textContent = 'window.__injected = true';
              document.body.append(s);
              await new Promise((r) => setTimeout(r, 50));
              return window.__injected === true;
            }
            """);
        ran.Should().BeFalse();
        (await page.EvaluateAsync<string[]>("() => window.__csp")).Should().ContainSingle().Which.Should().StartWith("script-src");
    }

    async Task<IPage> SignedInPageAsync()
    {
        var page = await app.NewPageAsync();
        await page.AddInitScriptAsync(CollectViolations);
        await page.GotoAsync("/account/login");
        await page.GetByLabel("User name").FillAsync("admin");
        await page.GetByLabel("Password").FillAsync(ServiceFlowApp.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("current-user")).ToHaveTextAsync("admin");
        (await page.EvaluateAsync<string[]>("() => window.__csp")).Should().BeEmpty("the sign-in page runs under the policy");
        return page;
    }
}

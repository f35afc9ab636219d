using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using static Microsoft.Playwright.Assertions;

namespace ServiceFlow.Browser.Tests.Designer;

/// Publishing a draft that lost settings of the latest version asks first and shows the losses in the diff.
[Collection(DesignerCollection.Name)]
public sealed partial class PublishGuardTests(BrowserApp app)
{
    readonly DesignerSession session = new(app);

    [Fact]
    public async Task PublishingADraftWithoutTheMailInputs_AsksFirst_AndListsThemInTheDiff()
    {
        // The draft the old designer produced: "Tell the customer" without its sf:input elements.
        var doc = BpmnSemantics.Parse(await File.ReadAllTextAsync(DesignerSession.Shipped("service-exception.bpmn")));
        doc.Descendants().Single(e => (string?)e.Attribute("id") == "notify")
            .Elements(XName.Get("extensionElements", "http://www.omg.org/spec/BPMN/20100524/MODEL")).Remove();
        var key = await session.ImportAsDraftAsync(doc.Declaration + "\n" + doc);
        var versionsBefore = await VersionCountAsync(key);
        var page = await session.SignInAsync();
        var dialogs = new List<string>();
        var accept = false;
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            if (accept) await dialog.AcceptAsync(); else await dialog.DismissAsync();
        };
        await DesignerSession.OpenDesignerAsync(page, key);
        await Expect(page.GetByTestId("publish")).ToBeEnabledAsync();

        await page.GetByTestId("publish").ClickAsync();

        await Expect(page.GetByTestId("status")).ToHaveTextAsync("Not published: the lost settings are listed in the diff below.");
        dialogs.Should().ContainSingle().Which.Should().Contain("Tell the customer").And.Contain("sf:input reopen_days")
            .And.Contain("sf:input resolver").And.Contain("sf:input resolution");
        await Expect(page.GetByTestId("diff-warnings")).ToContainTextAsync("notify");
        (await VersionCountAsync(key)).Should().Be(versionsBefore);

        accept = true; // a deliberate removal can still be published
        await page.GetByTestId("publish").ClickAsync();
        await Expect(page.GetByTestId("status")).ToHaveTextAsync(new Regex(@"^Published version \d+\.$"));
        (await VersionCountAsync(key)).Should().Be(versionsBefore + 1);

        // put the shipped lifecycle back as the latest version for the other tests
        (await session.Api.PostAsync($"/api/workflows/{key}/versions/{versionsBefore}/republish", null)).EnsureSuccessStatusCode();
    }

    async Task<int> VersionCountAsync(string key) =>
        (await session.Api.GetFromJsonAsync<JsonElement[]>($"/api/workflows/{key}/versions"))!.Length;
}

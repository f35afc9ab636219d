using System.Text.Json;
using System.Text.RegularExpressions;

namespace ServiceFlow.Web.Tests.Forms;

/// What a task page gives the form-js viewer to start from (its `sf-form-config` JSON), read as the browser reads it.
internal static partial class TaskPageData
{
    public static JsonElement Of(string html)
    {
        var config = ConfigScript().Match(html);
        config.Success.Should().BeTrue("the task page draws a form: " + html);
        return JsonDocument.Parse(config.Groups[1].Value).RootElement.GetProperty("data").Clone();
    }

    [GeneratedRegex("""<script type="application/json" class="sf-form-config"[^>]*>(.*?)</script>""", RegexOptions.Singleline)]
    private static partial Regex ConfigScript();
}

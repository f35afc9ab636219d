using System.Net.Http.Headers;
using ServiceFlow.Web.Tests.Infrastructure;

namespace ServiceFlow.Web.Tests.Requests;

/// A host of its own (the file tests republish a shipped form) with an attachment limit small enough to cross.
public sealed class CatalogApp : ServiceFlowApp
{
    public const int Limit = 4096;
    protected override IEnumerable<(string Key, string Value)> ExtraSettings() => [("Tickets:Attachments:MaxBytes", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    /// A multipart form submission: the `variables` part (JSON) and one part per file field.
    public static MultipartFormDataContent Multipart(object variables, params (string Key, string Name, byte[] Bytes, string Type)[] files)
    {
        var content = new MultipartFormDataContent { { new StringContent(System.Text.Json.JsonSerializer.Serialize(variables)), "variables" } };
        foreach (var (key, name, bytes, type) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue(type);
            content.Add(part, key, name);
        }
        return content;
    }
}

using System.Net.Http.Json;
using ServiceFlow.Web.Tests.Runtime;

namespace ServiceFlow.Web.Tests.Security;

/// One row: the endpoint as the host names it (`METHOD pattern`, `*` for pages and endpoints without a
/// method), which case it tries when an endpoint needs several, the 8 outcomes and how to ask.
internal sealed record MatrixRow(string Endpoint, string Case, string Expected, bool IsPage, Func<MatrixDesk, Who, Task<HttpRequestMessage>> Request)
{
    public string Name => Case.Length == 0 ? Endpoint : $"{Endpoint} ({Case})";

    public override string ToString() => Name;
}

/// How the matrix builds its requests (the rows themselves are in RoleMatrix.Rows).
internal static class Ask
{
    public static Func<MatrixDesk, Who, Task<HttpRequestMessage>> Get(Func<MatrixDesk, string> path) =>
        (d, _) => Task.FromResult(new HttpRequestMessage(HttpMethod.Get, path(d)));

    public static Func<MatrixDesk, Who, Task<HttpRequestMessage>> Send(HttpMethod method, Func<MatrixDesk, string> path, Func<MatrixDesk, Who, object?>? body = null) =>
        (d, who) => Task.FromResult(new HttpRequestMessage(method, path(d)) { Content = body is null ? null : JsonContent.Create(body(d, who)) });

    public static Func<MatrixDesk, Who, Task<HttpRequestMessage>> SendXml(HttpMethod method, Func<MatrixDesk, string> path, Func<MatrixDesk, string> xml) =>
        (d, _) => Task.FromResult(new HttpRequestMessage(method, path(d)) { Content = MatrixDesk.Xml(xml(d)) });

    /// A request built from something made for it alone (a fresh task to claim, an attachment to delete, the current draft version…).
    public static Func<MatrixDesk, Who, Task<HttpRequestMessage>> Fresh<T>(Func<MatrixDesk, Task<T>> make, HttpMethod method, Func<MatrixDesk, T, string> path,
        Func<MatrixDesk, T, HttpContent?>? content = null) =>
        async (d, _) =>
        {
            var made = await make(d);
            return new HttpRequestMessage(method, path(d, made)) { Content = content?.Invoke(d, made) };
        };

    public static HttpContent Json(object body) => JsonContent.Create(body);

    public static Func<MatrixDesk, Who, Task<HttpRequestMessage>> PostForm(Func<MatrixDesk, string> path, Func<MatrixDesk, Dictionary<string, string>> fields) =>
        async (d, who) =>
        {
            var form = fields(d);
            form["__RequestVerificationToken"] = await d.FormTokenAsync(who);
            return new HttpRequestMessage(HttpMethod.Post, path(d)) { Content = new FormUrlEncodedContent(form) };
        };

    public static string Workflow(string key) => Models.Approval(key);
}

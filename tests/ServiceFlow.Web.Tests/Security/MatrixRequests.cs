using System.Net.Http.Json;
using ServiceFlow.Web.Tests.Runtime;

namespace ServiceFlow.Web.Tests.Security;

/// One row: the endpoint as the host names it (`METHOD pattern`, `*` for pages and endpoints without a
/// method), which case it tries when an endpoint needs several, the 8 outcomes and how to ask.
internal sealed record MatrixRow(string Endpoint, string Case, string Expected, bool IsPage, Func<MatrixDesk, Who, Task<HttpRequestMessage>> Request)
{
    /// The request carries its own credentials (a user made for it alone), so it goes through a client without any.
    public bool OwnCredentials { get; init; }

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

    /// As a user of the role made for this request alone (signing out or changing the password ends their tokens).
    public static Func<MatrixDesk, Who, Task<HttpRequestMessage>> AsNewUser(HttpMethod method, string path, Func<MatrixDesk, Who, object?>? body = null) =>
        async (d, who) =>
        {
            var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body(d, who)) };
            if (who != Who.Anonymous)
                request.Headers.Authorization = new("Bearer", await d.NewUserTokenAsync(who));
            return request;
        };

    public static Func<MatrixDesk, Who, Task<HttpRequestMessage>> PostForm(Func<MatrixDesk, string> path, Func<MatrixDesk, Dictionary<string, string>> fields) =>
        async (d, who) =>
        {
            var form = fields(d);
            form["__RequestVerificationToken"] = await d.FormTokenAsync(who);
            return new HttpRequestMessage(HttpMethod.Post, path(d)) { Content = new FormUrlEncodedContent(form) };
        };

    public static string Workflow(string key) => Models.Approval(key);
}

using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using ServiceFlow.Web.Features.Tickets;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Forms;

/// A file entered in a `filepicker` field, read and checked but not yet kept: the completion (or start) keeps
/// it in its own transaction, so a refused or repeated submission keeps nothing.
internal sealed record UploadedFile(Guid Id, string Key, string FileName, string ContentType, byte[] Content)
{
    /// The process variable the field sets: what the file is and where it is kept, never its bytes.
    public JsonElement Descriptor => JsonSerializer.SerializeToElement(new { id = Id, name = FileName, size = Content.LongLength, contentType = ContentType });
}

/// Files in a form submission (multipart: the page's own post, or the API's `variables` part beside one part
/// per file field). All files of one submission together may be at most `Tickets:Attachments:MaxBytes`; a
/// body announced larger is refused before it is read.
internal static class FormUploads
{
    /// Room for the multipart boundaries, headers and the other fields around the files.
    const long FormSlack = 256 * 1024;

    /// Call before anything reads the form. Null when the body may be read; otherwise the refusal (413).
    public static RuntimeProblem? Limit(HttpContext http, AttachmentOptions o)
    {
        var request = http.Request;
        if (!request.HasFormContentType)
            return null;
        if (request.ContentLength is { } length && length > o.MaxBytes + FormSlack)
            return AttachmentPolicy.TooLarge(o, $"The upload is {AttachmentPolicy.Format(length)}");
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } body)
            body.MaxRequestBodySize = o.MaxBytes + FormSlack;
        if (http.Features.Get<IFormFeature>()?.Form is null)
            http.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions { MultipartBodyLengthLimit = o.MaxBytes + FormSlack }));
        return null;
    }

    /// Reads the form of a request prepared by Limit; a body that turns out larger than announced is a 413.
    public static async Task<IFormCollection> ReadFormAsync(HttpRequest request, AttachmentOptions o, CancellationToken ct)
    {
        try
        {
            return await request.ReadFormAsync(ct);
        }
        catch (Exception ex) when (ex is InvalidDataException || ex is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            throw AttachmentPolicy.TooLarge(o, $"The upload is larger than that");
        }
    }

    /// The files of the form's `filepicker` fields, one per field, each checked (not empty, not a program).
    public static async Task<List<UploadedFile>> ReadAsync(IFormCollection form, FormSchema schema, AttachmentOptions o, CancellationToken ct)
    {
        var files = new List<UploadedFile>();
        foreach (var part in form.Files.Where(f => f.Length > 0 || f.FileName.Length > 0))
        {
            if (schema.Field(part.Name) is not { Type: "filepicker" })
                throw RuntimeProblem.BadRequest($"The file part '{part.Name}' is not a file field of form '{schema.Key}' (its file fields: {string.Join(", ", schema.Fields.Where(f => f.Type == "filepicker").Select(f => f.Key).DefaultIfEmpty("none"))}).");
            if (files.Any(f => f.Key == part.Name))
                throw RuntimeProblem.BadRequest($"{part.Name} takes one file; send one part named {part.Name}.");
            var name = AttachmentPolicy.CleanFileName(part.FileName);
            if (AttachmentPolicy.Refusal(o, name, part.Length, 0) is { } refusal)
                throw refusal;
            using var buffer = new MemoryStream((int)part.Length);
            await part.CopyToAsync(buffer, ct);
            files.Add(new UploadedFile(Guid.CreateVersion7(), part.Name, name, AttachmentPolicy.CleanContentType(part.ContentType), buffer.ToArray()));
        }
        return files;
    }

    /// What was entered plus the files' descriptors. A file field's value sent as JSON is refused: only a file
    /// the server read may stand in it.
    public static Dictionary<string, JsonElement> Merge(FormSchema schema, IReadOnlyDictionary<string, JsonElement> entered, IReadOnlyList<UploadedFile> files)
    {
        var merged = new Dictionary<string, JsonElement>(entered);
        foreach (var (key, _) in entered)
            if (schema.Field(key) is { Type: "filepicker" })
                throw RuntimeProblem.BadRequest($"{key} takes a file: send it as a multipart part named {key}, not as a value.");
        foreach (var file in files)
            merged[file.Key] = file.Descriptor;
        return merged;
    }
}

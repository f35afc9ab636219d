using System.Security.Claims;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Tickets;

/// `POST /api/tickets/{number}/attachments` (multipart, field `file`), `GET …/attachments/{id}`,
/// `DELETE …/attachments/{id}`. The list is part of `GET /api/tickets/{number}`.
internal static class AttachmentsApi
{
    /// Room for the multipart boundaries and headers around the file itself.
    const long FormSlack = 64 * 1024;

    public static void MapAttachmentsApi(this RouteGroupBuilder tickets)
    {
        tickets.MapPost("/{number}/attachments", async (string number, HttpRequest request, TicketAttachments attachments, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var (name, type, bytes) = await ReadFileAsync(request, attachments.Options, ct);
            var added = await attachments.AddAsync(number, name, type, bytes, user, ct);
            return TypedResults.Created($"/api/tickets/{number}/attachments/{added.Id}", added);
        }).DisableAntiforgery() // the form is read by hand; ApiAntiforgery checks cookie callers
            .Accepts<IFormFile>("multipart/form-data");

        tickets.MapGet("/{number}/attachments/{id:guid}", async (string number, Guid id, HttpContext http, ServiceFlowDbContext db, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var ticket = await db.Tickets.AsNoTracking().SingleOrDefaultAsync(t => t.Number == number, ct);
            if (ticket is null || !TicketAccess.CanRead(ticket, user))
                return Results.Problem($"There is no ticket {number} that you can see.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
            var file = await db.Set<TicketAttachment>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == id && a.TicketId == ticket.Id, ct);
            if (file is null)
                return Results.Problem($"Ticket {number} has no attachment {id}.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
            // Always a download, never rendered in our origin: an uploaded HTML or SVG page must not run
            // with the viewer's session (stored XSS). nosniff stops the browser from guessing a type.
            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
            http.Response.Headers.CacheControl = "private, no-store";
            return Results.File(file.Content, AttachmentPolicy.ServedContentType(file.ContentType), file.FileName);
        });

        tickets.MapDelete("/{number}/attachments/{id:guid}", async (string number, Guid id, TicketAttachments attachments, ClaimsPrincipal user, CancellationToken ct) =>
        {
            await attachments.RemoveAsync(number, id, user, ct);
            return TypedResults.NoContent();
        });
    }

    /// Reads the one file of a multipart request without ever holding more than the limit in memory.
    static async Task<(string Name, string Type, byte[] Bytes)> ReadFileAsync(HttpRequest request, AttachmentOptions o, CancellationToken ct)
    {
        if (!request.HasFormContentType)
            throw new RuntimeProblem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the file as multipart/form-data in a field named 'file'.");
        if (request.ContentLength is { } length && length > o.MaxBytes + FormSlack)
            throw AttachmentPolicy.TooLarge(o, $"The upload is {AttachmentPolicy.Format(length)}");
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } body)
            body.MaxRequestBodySize = o.MaxBytes + FormSlack;
        request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions { MultipartBodyLengthLimit = o.MaxBytes + 1 }));
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (Exception ex) when (ex is InvalidDataException || ex is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            throw AttachmentPolicy.TooLarge(o, $"The file is larger than that");
        }
        var file = form.Files.GetFile("file") ?? (form.Files.Count > 0 ? form.Files[0] : null)
            ?? throw RuntimeProblem.BadRequest("The request has no file; send it in a multipart field named 'file'.");
        if (file.Length > o.MaxBytes)
            throw AttachmentPolicy.TooLarge(o, $"'{AttachmentPolicy.CleanFileName(file.FileName)}' is {AttachmentPolicy.Format(file.Length)}");
        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, ct);
        return (file.FileName, file.ContentType, buffer.ToArray());
    }
}

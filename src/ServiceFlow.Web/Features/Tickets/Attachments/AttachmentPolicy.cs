using System.Globalization;
using System.Runtime.CompilerServices;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Tickets;

/// `Tickets:Attachments`: how large and how many files a record may keep, and which kinds are refused.
internal sealed class AttachmentOptions
{
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;
    public int MaxPerTicket { get; set; } = 20;
    /// Programs and scripts: a service desk has no reason to pass them around, and a colleague who
    /// downloads one from a ticket trusts it more than a mail from outside.
    public List<string> BlockedExtensions { get; set; } =
        [".exe", ".dll", ".com", ".scr", ".msi", ".bat", ".cmd", ".ps1", ".vbs", ".vbe", ".js", ".jse", ".wsf", ".hta", ".jar", ".sh", ".cpl", ".lnk"];
}

/// The checks and the serving rules, shared by the API, the page and mail intake.
internal static class AttachmentPolicy
{
    public const int MaxFileNameLength = 200;

    /// Content types a browser will not run as a page or script, served with the stored type so
    /// screenshots and PDFs open in the viewer the user picks; every other type (HTML, SVG, XML…)
    /// is sent as application/octet-stream.
    static readonly HashSet<string> SafeTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp", "application/pdf", "text/plain", "text/csv",
        "application/zip", "application/gzip", "application/x-7z-compressed", "application/json", "message/rfc822",
        "application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    };

    /// The last path segment, without control characters, cut to a length the column keeps.
    public static string CleanFileName(string? raw)
    {
        var name = (raw ?? "").Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        name = new string(name.Where(c => !char.IsControl(c)).ToArray()).Trim().Trim('.');
        if (name.Length == 0)
            name = "attachment";
        if (name.Length <= MaxFileNameLength)
            return name;
        var ext = Path.GetExtension(name);
        return ext.Length is > 0 and <= 20 ? name[..(MaxFileNameLength - ext.Length)] + ext : name[..MaxFileNameLength];
    }

    public static string CleanContentType(string? raw)
    {
        var type = (raw ?? "").Split(';', 2)[0].Trim().ToLowerInvariant();
        return type.Length is > 0 and <= 200 && type.Contains('/') ? type : "application/octet-stream";
    }

    public static string ServedContentType(string stored) => SafeTypes.Contains(stored) ? stored : "application/octet-stream";

    /// Null when the file may be kept; otherwise why not, in words the uploader can act on.
    public static RuntimeProblem? Refusal(AttachmentOptions o, string fileName, long size, int existing)
    {
        if (size == 0)
            return RuntimeProblem.BadRequest($"'{fileName}' is empty; choose the file again.");
        if (size > o.MaxBytes)
            return TooLarge(o, $"'{fileName}' is {Format(size)}");
        if (existing >= o.MaxPerTicket)
            return RuntimeProblem.Conflict($"The ticket already has {existing} attachments, the most a ticket keeps (Tickets:Attachments:MaxPerTicket); remove one first.");
        var ext = Path.GetExtension(fileName);
        if (o.BlockedExtensions.Contains(ext, StringComparer.OrdinalIgnoreCase))
            return RuntimeProblem.Of(StatusCodes.Status415UnsupportedMediaType, "File type not accepted",
                $"Files of type '{ext}' (programs and scripts) are not kept with tickets; send it inside a zip archive if it is evidence.");
        return null;
    }

    /// `what` says what was too large ($"'{name}' is {size}"); the limit is added as its last argument, so a page
    /// shows the whole sentence in the reader's language (its template is the key in Localization/*.json).
    public static RuntimeProblem TooLarge(AttachmentOptions o, FormattableString what) =>
        RuntimeProblem.Of(StatusCodes.Status413PayloadTooLarge, "Attachment too large", FormattableStringFactory.Create(
            what.Format + "; an attachment may be at most {" + what.ArgumentCount + "} (Tickets:Attachments:MaxBytes).",
            [.. what.GetArguments(), Format(o.MaxBytes)]));

    public static string Format(long bytes) => bytes switch
    {
        >= 1024 * 1024 => (bytes / 1024d / 1024d).ToString("0.#", CultureInfo.InvariantCulture) + " MiB",
        >= 1024 => (bytes / 1024d).ToString("0.#", CultureInfo.InvariantCulture) + " KiB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " bytes",
    };
}

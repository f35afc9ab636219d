using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Inbox;

/// A position in one sort order of the inbox: the sort keys of a row plus its id (the tie-breaker
/// that makes the order total). Travels in the pager links as base64url text; anything that does not
/// decode, or belongs to another sort, is no cursor at all and the page starts from the top.
internal sealed record InboxCursor(string Sort, DateTimeOffset Time, int Priority, Guid Id)
{
    public static InboxCursor Of(UserTask t, string sort) =>
        new(sort, sort is "newest" or "oldest" ? t.CreatedAt : t.SortDue, t.SortPriority, t.Id);

    public string Encode()
    {
        var text = string.Join('|', Sort, Time.UtcTicks.ToString(CultureInfo.InvariantCulture),
            Priority.ToString(CultureInfo.InvariantCulture), Id.ToString("N"));
        return Base64UrlTextEncoder.Encode(System.Text.Encoding.UTF8.GetBytes(text));
    }

    public static InboxCursor? Decode(string? value, string sort)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 200)
            return null;
        try
        {
            var parts = System.Text.Encoding.UTF8.GetString(Base64UrlTextEncoder.Decode(value)).Split('|');
            if (parts.Length != 4 || parts[0] != sort
                || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                || ticks > DateTimeOffset.MaxValue.UtcTicks
                || !int.TryParse(parts[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var priority)
                || !Guid.TryParseExact(parts[3], "N", out var id))
                return null;
            return new InboxCursor(sort, new DateTimeOffset(ticks, TimeSpan.Zero), priority, id);
        }
        catch (FormatException)
        {
            return null; // not base64url
        }
    }
}

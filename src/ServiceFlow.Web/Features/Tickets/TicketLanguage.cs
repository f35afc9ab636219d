using System.Globalization;

namespace ServiceFlow.Web.Features.Tickets;

/// The language a ticket speaks with its customer. Mail to the customer goes out in the customer's language
/// (`Ticket.CustomerCulture`: the web form's field, the API's `customerCulture`, the language of their mail),
/// else in the language the ticket was recorded in (`Ticket.Language`: the recording user's UI language), else in
/// `Email:DefaultCulture`. Only the UI languages are kept: anything else means "not known".
internal static class TicketLanguage
{
    public static readonly string[] Supported = ["zh-CN", "en"];

    /// "zh", "zh-Hans", "zh-CN" → "zh-CN"; "en-GB" → "en"; anything else null.
    public static string? Normalize(string? culture)
    {
        if (string.IsNullOrWhiteSpace(culture))
            return null;
        var tag = culture.Trim();
        return tag.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? "zh-CN"
            : tag.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "en"
            : null;
    }

    /// The language of the page that recorded the ticket.
    public static string? OfCurrentUser() => Normalize(CultureInfo.CurrentUICulture.Name);

    /// What the customer mail's language must be: theirs, else the ticket's (null: the desk's default).
    public static string? ForCustomer(Ticket ticket) => ticket.CustomerCulture ?? ticket.Language;

    /// The language of a customer's mail, by its letters: mostly Han characters is Chinese, mostly Latin
    /// letters English; too little text to tell is null (the desk's default then).
    public static string? Guess(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return null;
        int han = 0, latin = 0;
        foreach (var c in text)
        {
            if (c is >= '\u4e00' and <= '\u9fff' or >= '\u3400' and <= '\u4dbf')
                han++;
            else if (c is >= 'a' and <= 'z' or >= 'A' and <= 'Z')
                latin++;
        }
        // Chinese mail often names products in Latin letters, and one Han character carries a word: weigh them 1:4.
        if (han >= 2 && han * 4 >= latin)
            return "zh-CN";
        return latin >= 8 ? "en" : null;
    }
}

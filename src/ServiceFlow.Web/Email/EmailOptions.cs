using System.ComponentModel.DataAnnotations;

namespace ServiceFlow.Web.Email;

/// <summary>Configuration section <c>Email</c>.</summary>
internal sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary>The organisation's culture, used when a recipient's culture has no template.</summary>
    [Required]
    public string DefaultCulture { get; set; } = "zh-CN";

    /// <summary>Folder holding the Scriban templates; relative paths are resolved against the app's base directory.</summary>
    [Required]
    public string TemplatesPath { get; set; } = "templates";

    /// <summary>Where <see cref="PickupFolderMailTransport"/> writes <c>.eml</c> files when no SMTP host is configured.</summary>
    [Required]
    public string PickupFolder { get; set; } = Path.Combine(".serviceflow", "mail");

    /// <summary>Right-hand side of generated Message-Ids (<c>&lt;{guid}@{MessageIdDomain}&gt;</c>).</summary>
    // Shown in the layout's header and footer.
    [Required]
    public string OrganisationName { get; set; } = "ServiceFlow IT Service Desk";

    [Required]
    public string MessageIdDomain { get; set; } = "serviceflow";
}

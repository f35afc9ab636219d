using System.ComponentModel.DataAnnotations;

namespace ServiceFlow.Web.Email;

internal sealed class EmailOptions
{
    public const string Section = "Email";

    // The organisation's culture, used when a recipient's culture has no template.
    [Required]
    public string DefaultCulture { get; set; } = "zh-CN";

    // Folder holding the Scriban templates; relative paths are resolved against the app's base directory.
    [Required]
    public string TemplatesPath { get; set; } = "templates";

    // Where PickupFolderMailTransport writes .eml files when no SMTP host is configured (relative to the content root).
    [Required]
    public string PickupFolder { get; set; } = Path.Combine(".serviceflow", "mail");

    // Shown in the layout's header and footer.
    [Required]
    public string OrganisationName { get; set; } = "ServiceFlow IT Service Desk";

    // Right-hand side of generated Message-Ids (<{guid}@{MessageIdDomain}>).
    [Required]
    public string MessageIdDomain { get; set; } = "serviceflow";
}

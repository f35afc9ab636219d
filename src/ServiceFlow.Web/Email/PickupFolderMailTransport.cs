using MimeKit;
using ServiceFlow.Web.Data;

namespace ServiceFlow.Web.Email;

// Development default when Smtp:Host is empty: every message becomes an .eml file any mail
// client can open. The file is named after the Message-Id, so a retried send overwrites it.
// Mail carries survey links and customer data: files are 0600 in a 0700 folder.
internal sealed class PickupFolderMailTransport(string folder, ILogger<PickupFolderMailTransport> logger) : IMailTransport
{
    public string Folder { get; } = Path.GetFullPath(folder);

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken = default)
    {
        PrivateFiles.Folder(Folder);
        var path = PathFor(message.MessageId ?? Guid.NewGuid().ToString("N"));
        var temp = path + ".tmp";
        message.Prepare(EncodingConstraint.SevenBit);
        await using (var file = PrivateFiles.Create(temp))
            await message.WriteToAsync(file, cancellationToken);
        File.Move(temp, path, overwrite: true);
        logger.WroteToPickupFolder(message.MessageId, path);
    }

    /// The file a message with this Message-Id was (or would be) written to.
    public string PathFor(string messageId) =>
        Path.Combine(Folder, string.Concat(messageId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '@' ? c : '_')) + ".eml");
}

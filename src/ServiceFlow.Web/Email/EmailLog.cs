namespace ServiceFlow.Web.Email;

internal static partial class EmailLog
{
    [LoggerMessage(LogLevel.Information, "Sent mail {MessageId} via {Host}:{Port}")]
    public static partial void SentViaSmtp(this ILogger logger, string? messageId, string? host, int port);

    [LoggerMessage(LogLevel.Information, "Wrote mail {MessageId} to {Path}")]
    public static partial void WroteToPickupFolder(this ILogger logger, string? messageId, string path);

    [LoggerMessage(LogLevel.Warning, "IMAP folder {Folder} changed UIDVALIDITY from {Old} to {New}; fetching it again from the start")]
    public static partial void UidValidityChanged(this ILogger logger, string folder, uint old, uint @new);
}

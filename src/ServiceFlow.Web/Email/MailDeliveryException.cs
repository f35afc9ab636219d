namespace ServiceFlow.Web.Email;

public sealed class MailDeliveryException : Exception
{
    public MailDeliveryException()
    {
    }

    public MailDeliveryException(string message)
        : base(message)
    {
    }

    public MailDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MailDeliveryException(string message, Exception innerException, bool isPermanent)
        : base(message, innerException) => IsPermanent = isPermanent;

    // True when the server rejected the message or a recipient for good (5xx); retrying will not help.
    public bool IsPermanent { get; }
}

using MimeKit;

namespace CircularPlatform.Notifications.Infrastructure.Mailing;

/// <summary>Where the postman hands emails over: an SMTP server, or the pickup folder.</summary>
public interface IMailTransport
{
    /// <summary>A connection (or its equivalent) for one worker's share of a batch.</summary>
    Task<IMailDrop> OpenAsync(CancellationToken cancellationToken);
}

public interface IMailDrop : IAsyncDisposable
{
    Task DeliverAsync(MimeMessage message, CancellationToken cancellationToken);
}

/// <summary>A failure that another try will not fix: the server refused the address or the message.</summary>
public sealed class PermanentMailFailure(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>A refusal that may pass (a busy server, greylisting): the email is tried again later.</summary>
public sealed class TemporaryMailFailure(string message, Exception? inner = null) : Exception(message, inner);

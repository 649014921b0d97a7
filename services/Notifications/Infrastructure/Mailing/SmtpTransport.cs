using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace CircularPlatform.Notifications.Infrastructure.Mailing;

/// <summary>Sends over SMTP with MailKit: one connection per worker, kept for its share of a batch.</summary>
public sealed class SmtpTransport(SmtpOptions options) : IMailTransport
{
    public async Task<IMailDrop> OpenAsync(CancellationToken cancellationToken)
    {
        var client = new SmtpClient { Timeout = (int)options.Timeout.TotalMilliseconds };
        try
        {
            var security = Enum.TryParse<SecureSocketOptions>(options.Security, ignoreCase: true, out var parsed) ? parsed : SecureSocketOptions.StartTlsWhenAvailable;
            await client.ConnectAsync(options.Host ?? "localhost", options.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(options.UserName))
            {
                await client.AuthenticateAsync(options.UserName, options.Password ?? string.Empty, cancellationToken);
            }
            return new Connection(client);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private sealed class Connection(SmtpClient client) : IMailDrop
    {
        public async Task DeliverAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            try
            {
                await client.SendAsync(message, cancellationToken);
            }
            catch (SmtpCommandException e) when ((int)e.StatusCode >= 500 && e.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted)
            {
                // 5xx on this address or this message: the same email would be refused again. A
                // refused sender is the platform's setting, not the email's: it is tried again.
                throw new PermanentMailFailure($"{(int)e.StatusCode} {e.Message}", e);
            }
            catch (SmtpCommandException e)
            {
                // Said with the server's code, which is what ops look up.
                throw new TemporaryMailFailure($"{(int)e.StatusCode} {e.Message}", e);
            }
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (client.IsConnected)
                {
                    await client.DisconnectAsync(quit: true);
                }
            }
            catch (Exception e) when (e is IOException or ServiceNotConnectedException or ProtocolException or OperationCanceledException)
            {
                // Closing is courtesy: what was sent was sent.
            }
            client.Dispose();
        }
    }
}

using System.Net;
using System.Net.Sockets;

namespace CircularPlatform.Hosting;

/// <summary>
/// Readiness of an AMQP 0-9-1 broker without a client library: the broker answers the protocol
/// header with a Connection.Start method frame (frame type 1) once it accepts clients.
/// </summary>
internal static class AmqpProbe
{
    private static readonly byte[] ProtocolHeader = "AMQP\0\0\u0009\u0001"u8.ToArray();

    public static async Task<bool> AnswersAsync(int port, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token).ConfigureAwait(false);
            var stream = client.GetStream();
            await stream.WriteAsync(ProtocolHeader, timeout.Token).ConfigureAwait(false);
            var reply = new byte[1];
            var read = await stream.ReadAsync(reply, timeout.Token).ConfigureAwait(false);
            return read == 1 && reply[0] == 1;
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}

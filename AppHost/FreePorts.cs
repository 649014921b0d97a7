using System.Net;
using System.Net.Sockets;

namespace CircularPlatform.AppHost;

/// <summary>Free loopback TCP ports, never the same one twice within this process.</summary>
/// <remarks>
/// A port is handed out now and bound later by another process, so it is drawn at random from
/// below the kernel's ephemeral range: a port the kernel picks for "any free port" (bind to 0) is
/// also what it gives to outgoing connections, and under a busy test run one of those regularly
/// took the port before the broker or service bound it.
/// </remarks>
public static class FreePorts
{
    private const int Lowest = 10_000;
    private static readonly HashSet<int> Handed = [];
    private static readonly int Highest = FirstEphemeralPort() - 1;

    public static int Next()
    {
        lock (Handed)
        {
            for (var attempt = 0; attempt < 1000; attempt++)
            {
                var port = Random.Shared.Next(Lowest, Highest + 1);
                if (!Handed.Contains(port) && CanBind(port))
                {
                    Handed.Add(port);
                    return port;
                }
            }
        }
        throw new InvalidOperationException("No free loopback port found.");
    }

    private static bool CanBind(int port)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FirstEphemeralPort()
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
            var first = int.Parse(range[0], System.Globalization.CultureInfo.InvariantCulture);
            return first > Lowest + 1000 ? first : 32_768;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 32_768;
        }
    }

    /// <summary>True when something accepts TCP connections on 127.0.0.1:<paramref name="port"/>.</summary>
    public static async Task<bool> IsListeningAsync(int port, CancellationToken cancellationToken = default)
    {
        using var client = new TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}

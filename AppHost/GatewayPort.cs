using System.Globalization;

namespace CircularPlatform.AppHost;

/// <summary>
/// The public entry's port from <c>--GatewayPort</c>: a port number, or the address the README
/// shows (<c>http://localhost:9090</c>). Anything else stops the AppHost with the reason, rather
/// than quietly serving on the default port.
/// </summary>
public static class GatewayPort
{
    public const int Default = 8080;

    public static bool TryParse(string? value, out int port, out string problem)
    {
        port = Default;
        problem = "";
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            port = number;
        }
        else if (Uri.TryCreate(value, UriKind.Absolute, out var address) && address.Scheme == Uri.UriSchemeHttp
                 && address.IsLoopback && address.AbsolutePath == "/" && !address.IsDefaultPort)
        {
            port = address.Port;
        }
        else
        {
            problem = $"--GatewayPort '{value}' is neither a port number nor an address like http://localhost:9090.";
            return false;
        }
        if (port is < 1 or > 65535)
        {
            problem = $"--GatewayPort {port} is not a TCP port (1 to 65535).";
            port = Default;
            return false;
        }
        return true;
    }
}

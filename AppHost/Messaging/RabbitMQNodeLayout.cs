using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// The files and variables that make a RabbitMQ node isolated: nothing under /etc or the caller's
/// HOME is read, every port and address is its own. The node's name and its user are kept in the
/// folder (readable by its owner only), so a later run finds the same data and the same user.
/// </summary>
internal sealed record RabbitMQNodeLayout(string Folder, string NodeName, string User, string Password)
{
    // The machine's scripts, not the /usr/sbin wrappers, which switch to the rabbitmq user.
    public const string ServerCommand = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    public const string EpmdCommand = "epmd";

    private const string Alphanumeric = "abcdefghijklmnopqrstuvwxyz0123456789";

    public string HomeFolder => Path.Combine(Folder, "home");

    public static RabbitMQNodeLayout LoadOrCreate(string folder)
    {
        Directory.CreateDirectory(folder);
        var identityFile = Path.Combine(folder, "node.json");
        if (File.Exists(identityFile) && JsonSerializer.Deserialize<Identity>(File.ReadAllText(identityFile)) is { } known)
        {
            return new RabbitMQNodeLayout(folder, known.NodeName, known.User, known.Password);
        }
        var created = new Identity(
            $"circular-{RandomToken(8, Alphanumeric)}@localhost",
            "circular-" + RandomToken(6, Alphanumeric),
            RandomToken(24, Alphanumeric + "ABCDEFGHIJKLMNOPQRSTUVWXYZ"));
        WritePrivate(identityFile, JsonSerializer.Serialize(created));
        return new RabbitMQNodeLayout(folder, created.NodeName, created.User, created.Password);
    }

    /// <summary>Written before every start, so a changed port or plugin choice takes effect.</summary>
    public void WriteFiles(int amqpPort, int? managementPort)
    {
        Directory.CreateDirectory(HomeFolder);
        Directory.CreateDirectory(Path.Combine(Folder, "mnesia"));
        Directory.CreateDirectory(Path.Combine(Folder, "log"));
        var cookie = Path.Combine(HomeFolder, ".erlang.cookie");
        if (!File.Exists(cookie))
        {
            // Erlang refuses a cookie that others can read.
            WritePrivate(cookie, RandomToken(20, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"));
        }
        File.WriteAllText(Path.Combine(Folder, "rabbitmq-env.conf"), "");
        var config = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"listeners.tcp.default = 127.0.0.1:{amqpPort}")
            .AppendLine("loopback_users = none")
            // Applied on the node's first boot only; the user then lives in its data.
            .AppendLine(CultureInfo.InvariantCulture, $"default_user = {User}")
            .AppendLine(CultureInfo.InvariantCulture, $"default_pass = {Password}");
        if (managementPort is { } port)
        {
            config.AppendLine("management.tcp.ip = 127.0.0.1").AppendLine(CultureInfo.InvariantCulture, $"management.tcp.port = {port}");
        }
        WritePrivate(Path.Combine(Folder, "rabbitmq.conf"), config.ToString());
        // What `rabbitmq-plugins enable --offline` would write; the node resolves dependencies at boot.
        File.WriteAllText(Path.Combine(Folder, "enabled_plugins"), managementPort is null ? "[].\n" : "[rabbitmq_management].\n");
    }

    public IReadOnlyDictionary<string, string> Environment(int amqpPort, int distributionPort, int epmdPort) => new Dictionary<string, string>
    {
        ["HOME"] = HomeFolder,
        ["RABBITMQ_NODENAME"] = NodeName,
        ["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(Folder, "rabbitmq-env.conf"),
        ["RABBITMQ_CONFIG_FILE"] = Path.Combine(Folder, "rabbitmq.conf"),
        ["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(Folder, "advanced.config"),
        ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(Folder, "enabled_plugins"),
        ["RABBITMQ_MNESIA_BASE"] = Path.Combine(Folder, "mnesia"),
        ["RABBITMQ_LOG_BASE"] = Path.Combine(Folder, "log"),
        ["RABBITMQ_PID_FILE"] = Path.Combine(Folder, "rabbitmq.pid"),
        // Logs to the console, which the dashboard shows, as well as to the log folder.
        ["RABBITMQ_LOGS"] = "-",
        ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
        ["RABBITMQ_NODE_PORT"] = amqpPort.ToString(CultureInfo.InvariantCulture),
        ["RABBITMQ_DIST_PORT"] = distributionPort.ToString(CultureInfo.InvariantCulture),
        ["ERL_EPMD_PORT"] = epmdPort.ToString(CultureInfo.InvariantCulture),
        ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
        // epmd is a resource of its own: a node that started it itself would leave it behind.
        ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-start_epmd false -kernel inet_dist_use_interface {127,0,0,1}",
        // Also for every Erlang VM the node starts itself: when epmd goes first at shutdown, the
        // node's epmd monitor runs a short-lived VM to "ensure epmd", which would start
        // `epmd -daemon` and outlive the AppHost.
        ["ERL_FLAGS"] = "-start_epmd false",
    };

    private static void WritePrivate(string path, string text)
    {
        File.WriteAllText(path, text);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private static string RandomToken(int length, string alphabet) =>
        string.Create(length, alphabet, (span, chars) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = chars[RandomNumberGenerator.GetInt32(chars.Length)];
            }
        });

    private sealed record Identity(string NodeName, string User, string Password);
}

using Microsoft.Extensions.Configuration;
using CircularPlatform.AppHost;

var builder = DistributedApplication.CreateBuilder(args);
if (!GatewayPort.TryParse(builder.Configuration["GatewayPort"], out var gatewayPort, out var gatewayPortProblem))
{
    Console.Error.WriteLine(gatewayPortProblem);
    return 2;
}
var dataFolder = Path.GetFullPath(builder.Configuration["DataFolder"] is { Length: > 0 } folder ? folder : ".data");
Directory.CreateDirectory(dataFolder);
builder.AddPlatformSupervision();

// An isolated RabbitMQ node of our own, unless ConnectionStrings__messaging names a broker.
IResourceBuilder<IResourceWithConnectionString> messaging = builder.Configuration.GetConnectionString("messaging") is { Length: > 0 }
    ? builder.AddConnectionString("messaging")
    : builder.AddRabbitMQNode("messaging", Path.Combine(dataFolder, "messaging")).WithManagementPlugin();

// Each service owns its database: an SQLite file in the data folder by default, a database of a
// local PostgreSQL cluster with --UsePostgres true; ConnectionStrings__<name> always wins.
var postgres = builder.Configuration["UsePostgres"] == "true" ? builder.AddPostgresNode("postgres", Path.Combine(dataFolder, "postgres")) : null;
IResourceBuilder<IResourceWithConnectionString> Database(string name) =>
    builder.Configuration.GetConnectionString(name) is { Length: > 0 } ? builder.AddConnectionString(name)
    : postgres is not null ? postgres.AddDatabase(name)
    : builder.AddConnectionString(name, ReferenceExpression.Create($"Data Source={Path.Combine(dataFolder, name + ".db")}"));

IResourceBuilder<ProjectResource> Service<TProject>(string name, string databaseName) where TProject : IProjectMetadata, new()
{
    var database = Database(databaseName);
    return builder.AddProject<TProject>(name)
        .RunBuiltProgram()
        // Not proxied: the gateway reaches Kestrel itself, and a service that is not listening yet
        // refuses its health check at once instead of holding it in the proxy (ADR 0012).
        .WithHttpEndpoint(name: "http", isProxied: false)
        .WithReference(messaging).WaitFor(messaging)
        .WithReference(database).WaitFor(database)
        .WithHttpHealthCheck("/health")
        .WithRestartOnCrash();
}

// Members is the token authority: it signs the access tokens and publishes its keys, with which
// every service and the gateway check them (Identity:Authority), unless --Identity:Authority
// names an external OpenID Connect provider.
var members = Service<Projects.Members>("members", "membersdb");
var externalAuthority = builder.Configuration["Identity:Authority"];
if (!string.IsNullOrEmpty(externalAuthority))
{
    members.WithEnvironment("Identity__Issuing__ExternalProvider", "true");
}

var firstAdmin = FirstAdministrator.For(dataFolder, builder.Configuration["FirstAdminEmail"], builder.Configuration["FirstAdminPassword"]);
members.WithEnvironment("Identity__FirstAdmin__Email", firstAdmin.Email);
if (firstAdmin.Password is not null)
{
    // A parameter marked secret: masked on the dashboard, printed once below.
    members.WithEnvironment("Identity__FirstAdmin__Password", builder.AddParameter("first-admin-password", firstAdmin.Password, secret: true));
}

var events = Service<Projects.Events>("events", "eventsdb");
var knowledge = Service<Projects.Knowledge>("knowledge", "knowledgedb");
var notifications = Service<Projects.Notifications>("notifications", "notificationsdb");

var gateway = builder.AddProject<Projects.Gateway>("gateway")
    .RunBuiltProgram()
    .WithHttpEndpoint(name: "http", port: gatewayPort, isProxied: false)
    .WithExternalHttpEndpoints()
    // Only to hear whose tokens Members revoked.
    .WithReference(messaging).WaitFor(messaging)
    // Routed to, not waited for: the gateway starts with the services, and is healthy once they
    // are and it routes to them (ADR 0012).
    .WithReference(members)
    .WithReference(events)
    .WithReference(knowledge)
    .WithReference(notifications)
    .WithHttpHealthCheck("/health")
    .WithRoutesHealthCheck(members, events, knowledge, notifications)
    .WithRestartOnCrash();

foreach (var process in new[] { members, events, knowledge, notifications, gateway })
{
    process.WithYoungGenerationBudget();
    if (string.IsNullOrEmpty(externalAuthority))
    {
        process.WithEnvironment("Identity__Authority", members.GetEndpoint("http"));
        // Tokens name the platform's public address, not the port Members listens on inside.
        process.WithEnvironment("Identity__Issuer", gateway.GetEndpoint("http"));
    }
    else
    {
        process.WithEnvironment("Identity__Authority", externalAuthority);
    }
}

// The files of articles live in the data folder, beside the databases; the gateway lets through
// a body as large as the largest file Knowledge accepts (10 MB by default) with its envelope, and
// each service keeps its own limit (1 MB, larger only on the upload endpoint).
knowledge.WithEnvironment("Knowledge__Attachments__Folder", Path.Combine(dataFolder, "attachments"));
gateway.WithEnvironment("Limits__MaxRequestBodyBytes", (builder.Configuration.GetValue("Knowledge:Attachments:MaxBytes", 10L * 1024 * 1024) + 64 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture));
ForwardSection(knowledge, "Knowledge");

// Email: links lead to the gateway's public address; without an SMTP server it is written as .eml
// files to the data folder's mail/ (a local run shows real messages). Notifications:* settings
// given to the AppHost (--Notifications:Mail:Smtp:Host smtp.example, …) go to the service.
notifications
    .WithEnvironment("Notifications__Mail__PublicBaseUrl", gateway.GetEndpoint("http"))
    .WithEnvironment("Notifications__Mail__PickupFolder", Path.Combine(dataFolder, "mail"));
ForwardSection(notifications, "Notifications", secret: "smtp-password");

builder.AnnounceAtStart(firstAdmin.Announcement);
builder.Build().Run();
return 0;

// A service's settings given to the AppHost (--Knowledge:Attachments:MaxBytes 20971520, …) go to
// that service as environment variables; a password as a secret parameter, masked on the dashboard.
void ForwardSection(IResourceBuilder<ProjectResource> service, string section, string? secret = null)
{
    foreach (var (key, value) in builder.Configuration.GetSection(section).AsEnumerable())
    {
        if (string.IsNullOrEmpty(value))
        {
            continue;
        }
        var variable = key.Replace(":", "__", StringComparison.Ordinal);
        if (secret is not null && key.EndsWith(":Password", StringComparison.OrdinalIgnoreCase))
        {
            service.WithEnvironment(variable, builder.AddParameter(secret, value, secret: true));
        }
        else
        {
            service.WithEnvironment(variable, value);
        }
    }
}

using CircularPlatform.AppHost;
using CircularPlatform.Hosting;

var builder = DistributedApplication.CreateBuilder(args);

// An isolated RabbitMQ node of our own, unless ConnectionStrings__messaging names a broker.
var messaging = builder.AddRabbitMQ("messaging").WithManagementPlugin();

// Each service owns its database: an SQLite file in the run's data folder by default, a database
// of a local PostgreSQL cluster with --UsePostgres true; ConnectionStrings__<name> always wins.
var postgres = builder.Configuration["UsePostgres"] == "true" ? builder.AddPostgres("postgres") : null;
IResourceBuilder<IResourceWithConnectionString> Database(string name) =>
    postgres is not null
        ? postgres.AddDatabase(name)
        : builder.AddConnectionString(name, $"Data Source={Path.Combine(builder.DataFolder, name + ".db")}");

IResourceBuilder<ProjectResource> Service<TProject>(string name, string database) where TProject : IProjectMetadata, new()
{
    var service = builder.AddProject<TProject>(name)
        .WithReference(messaging).WaitFor(messaging)
        .WithReference(Database(database))
        .WithHttpHealthCheck("/health");
    return postgres is null ? service : service.WaitFor(postgres);
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

var firstAdmin = FirstAdministrator.For(builder.DataFolder, builder.Configuration["FirstAdminEmail"], builder.Configuration["FirstAdminPassword"]);
members
    .WithEnvironment("Identity__FirstAdmin__Email", firstAdmin.Email)
    .WithEnvironment("Identity__FirstAdmin__Password", firstAdmin.Password ?? string.Empty);

var events = Service<Projects.Events>("events", "eventsdb");
var knowledge = Service<Projects.Knowledge>("knowledge", "knowledgedb");
var notifications = Service<Projects.Notifications>("notifications", "notificationsdb");

var gateway = builder.AddProject<Projects.Gateway>("gateway")
    .WithReference(members).WaitFor(members)
    .WithReference(events).WaitFor(events)
    .WithReference(knowledge).WaitFor(knowledge)
    .WithReference(notifications).WaitFor(notifications)
    .WithHttpEndpoint(port: int.TryParse(builder.Configuration["GatewayPort"], out var port) ? port : 8080)
    .WithHttpHealthCheck("/health");

foreach (var process in new[] { members, events, knowledge, notifications, gateway })
{
    if (string.IsNullOrEmpty(externalAuthority))
    {
        process.WithEnvironment("Identity__Authority", members.GetEndpoint("http"));
    }
    else
    {
        process.WithEnvironment("Identity__Authority", externalAuthority);
    }
}

firstAdmin.Announce(Console.Out);
builder.Build().Run();

using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using CircularPlatform.TestSupport;

namespace CircularPlatform.AppHost.Tests;

/// <summary>
/// The platform's app model as Program.cs builds it, read without starting anything: each test
/// runs the AppHost's entry point up to its Build on a fresh data folder.
/// </summary>
public sealed class TopologyTests : IDisposable
{
    private static readonly string[] Services = ["members", "events", "knowledge", "notifications"];
    private static readonly string[] Databases = ["membersdb", "eventsdb", "knowledgedb", "notificationsdb"];
    private readonly TemporaryFolder _data = new("cp-model");

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task By_default_messaging_is_a_node_of_our_own_with_its_epmd_shown_under_it()
    {
        await using var model = await TopologyAsync();

        var node = Resource<RabbitMQNodeResource>(model, "messaging");
        var epmd = Resource<EpmdResource>(model, "messaging-epmd");
        Assert.Equal(Path.Combine(_data.Path, "messaging"), node.NodeFolder);
        Assert.True(File.Exists(Path.Combine(node.NodeFolder, "node.json")), "the node's name and user are kept in its folder");
        Assert.Contains(epmd.Annotations.OfType<ResourceRelationshipAnnotation>(), r => r.Type == "Parent" && r.Resource == node);
        Assert.Contains(node.Annotations.OfType<WaitAnnotation>(), w => w.Resource == epmd);
        Assert.Contains(node.Annotations.OfType<EndpointAnnotation>(), e => e.Name == "management" && e.UriScheme == "http");
        var ephemeral = Machine.FirstEphemeralPort();
        Assert.All(node.Annotations.OfType<EndpointAnnotation>(), e => Assert.InRange(e.Port ?? 0, 1, ephemeral - 1));

        // The node finds its own epmd: the port epmd is started on is the one the node is given.
        var arguments = await ArgumentsAsync(epmd);
        Assert.Equal(["-port", "-address", "127.0.0.1"], [arguments[0], .. arguments[2..]]);
        var environment = await EnvironmentAsync(model, "messaging");
        Assert.Equal(arguments[1], environment["ERL_EPMD_PORT"]);
        Assert.Equal(node.Annotations.OfType<EndpointAnnotation>().Single(e => e.Name == "amqp").Port.ToString(), environment["RABBITMQ_NODE_PORT"]);
        Assert.All(new[] { environment["ERL_EPMD_PORT"], environment["RABBITMQ_DIST_PORT"] }, port => Assert.InRange(int.Parse(port), 1, ephemeral - 1));
        Assert.StartsWith("-start_epmd false", environment["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task By_default_each_service_has_an_sqlite_file_in_the_data_folder()
    {
        await using var model = await TopologyAsync();

        foreach (var database in Databases)
        {
            var resource = Resource<IResourceWithConnectionString>(model, database);
            Assert.Equal($"Data Source={Path.Combine(_data.Path, database + ".db")}", await resource.GetConnectionStringAsync());
        }
        Assert.Empty(model.Resources.OfType<PostgresNodeResource>());
    }

    [Theory]
    [InlineData(null, 8080)]
    [InlineData("18123", 18123)]
    [InlineData("http://localhost:18124", 18124)]
    public async Task The_gateway_is_the_external_entry_on_its_port(string? gatewayPort, int expected)
    {
        await using var model = await TopologyAsync(gatewayPort is null ? [] : ["--GatewayPort", gatewayPort]);

        var http = Resource<ProjectResource>(model, "gateway").Annotations.OfType<EndpointAnnotation>().Single(e => e.Name == "http");
        Assert.Equal(expected, http.Port);
        Assert.True(http.IsExternal, "the gateway's endpoint is the public entry");
        Assert.False(http.IsProxied);
        Assert.All(Services, name =>
            Assert.DoesNotContain(Resource<ProjectResource>(model, name).Annotations.OfType<EndpointAnnotation>(), e => e.IsExternal));
    }

    [Fact]
    public async Task A_generated_first_administrator_password_is_a_secret_parameter_given_once()
    {
        await using (var first = await TopologyAsync())
        {
            var password = Resource<ParameterResource>(first, "first-admin-password");
            Assert.True(password.Secret);
            Assert.Contains("Identity__FirstAdmin__Password", await EnvironmentAsync(first, "members"));
        }

        // The data folder now says the administrator was given: a later run passes no password.
        await using var second = await TopologyAsync();
        Assert.DoesNotContain(second.Resources, r => r.Name == "first-admin-password");
        Assert.DoesNotContain("Identity__FirstAdmin__Password", await EnvironmentAsync(second, "members"));
        Assert.Equal("admin@club-economie-circulaire.local", (await EnvironmentAsync(second, "members"))["Identity__FirstAdmin__Email"]);
    }

    [Fact]
    public async Task A_given_first_administrator_password_is_a_secret_parameter()
    {
        await using var model = await TopologyAsync("--FirstAdminPassword", "Terril-de-Loos-62", "--FirstAdminEmail", "camille@example.org");

        var password = Resource<ParameterResource>(model, "first-admin-password");
        Assert.True(password.Secret);
        Assert.Equal("Terril-de-Loos-62", await password.GetValueAsync(default));
        Assert.Equal("camille@example.org", (await EnvironmentAsync(model, "members"))["Identity__FirstAdmin__Email"]);
    }

    [Fact]
    public async Task A_given_messaging_connection_string_replaces_the_node_and_its_epmd()
    {
        const string broker = "amqp://club:secret@broker.example.org:5672/";
        await using var model = await TopologyAsync("--ConnectionStrings:messaging", broker);

        Assert.Empty(model.Resources.OfType<RabbitMQNodeResource>());
        Assert.Empty(model.Resources.OfType<EpmdResource>());
        Assert.Equal(broker, await Resource<IResourceWithConnectionString>(model, "messaging").GetConnectionStringAsync());
        Assert.False(Directory.Exists(Path.Combine(_data.Path, "messaging")), "no node folder is made for an external broker");
    }

    [Fact]
    public async Task With_postgres_the_four_databases_are_children_of_a_node_initialised_first()
    {
        await using var model = await TopologyAsync("--UsePostgres", "true");

        var node = Resource<PostgresNodeResource>(model, "postgres");
        Assert.Equal(Path.Combine(_data.Path, "postgres"), node.ClusterFolder);
        Assert.Equal(Databases, node.Databases.Select(d => d.DatabaseName));
        Assert.All(Databases, name => Assert.Same(node, Resource<PostgresNodeDatabaseResource>(model, name).Parent));
        var init = Resource<ExecutableResource>(model, "postgres-init");
        Assert.Contains(node.Annotations.OfType<WaitAnnotation>(), w => w.Resource == init && w.WaitType == WaitType.WaitForCompletion);
        Assert.Contains(init.Annotations.OfType<ResourceRelationshipAnnotation>(), r => r.Type == "Parent" && r.Resource == node);
        Assert.Empty(model.Resources.OfType<ConnectionStringResource>());
    }

    [Theory]
    [InlineData("members", "membersdb")]
    [InlineData("events", "eventsdb")]
    [InlineData("knowledge", "knowledgedb")]
    [InlineData("notifications", "notificationsdb")]
    public async Task A_service_waits_for_and_is_given_messaging_its_database_and_the_token_authority(string service, string database)
    {
        await using var model = await TopologyAsync();

        var project = Resource<ProjectResource>(model, service);
        Assert.Equal(new[] { "messaging", database }.Order(), project.Annotations.OfType<WaitAnnotation>().Select(w => w.Resource.Name).Order());
        // Reached directly, not through the orchestrator's proxy; Aspire allocates the port.
        var http = project.Annotations.OfType<EndpointAnnotation>().Single(e => e.Name == "http");
        Assert.False(http.IsProxied);
        Assert.Null(http.Port);
        var environment = await EnvironmentAsync(model, service);
        Assert.Equal("{messaging.connectionString}", environment["ConnectionStrings__messaging"]);
        Assert.Equal($"{{{database}.connectionString}}", environment[$"ConnectionStrings__{database}"]);
        Assert.Equal("{members.bindings.http.url}", environment["Identity__Authority"]);
        Assert.Equal("{gateway.bindings.http.url}", environment["Identity__Issuer"]);
        Assert.DoesNotContain(environment.Keys, key => Databases.Except([database]).Any(other => key.EndsWith(other, StringComparison.Ordinal)));
        Assert.True(RestartsOnCrash(project), $"{service} is started again when it crashes");
    }

    [Fact]
    public async Task The_gateway_routes_to_every_service_without_waiting_for_them_and_hears_the_bus()
    {
        await using var model = await TopologyAsync();

        var gateway = Resource<ProjectResource>(model, "gateway");
        // It starts with the services; its health waits for them instead (StartupHealthTests).
        Assert.Equal(["messaging"], gateway.Annotations.OfType<WaitAnnotation>().Select(w => w.Resource.Name));
        Assert.Contains(gateway.Annotations.OfType<HealthCheckAnnotation>(), h => h.Key == "gateway-routes");
        var environment = await EnvironmentAsync(model, "gateway");
        Assert.All(Services, service => Assert.Contains($"services__{service}__http__0", environment));
        // On the bus only to hear Members' access revocations; no database.
        Assert.Equal("{messaging.connectionString}", environment["ConnectionStrings__messaging"]);
        Assert.DoesNotContain(environment.Keys, key => key.StartsWith("ConnectionStrings__", StringComparison.Ordinal) && key != "ConnectionStrings__messaging");
        Assert.True(RestartsOnCrash(gateway), "the gateway is started again when it crashes");
    }

    [Theory]
    [InlineData("members", "services/Members", "CircularPlatform.Members")]
    [InlineData("events", "services/Events", "CircularPlatform.Events")]
    [InlineData("knowledge", "services/Knowledge", "CircularPlatform.Knowledge")]
    [InlineData("notifications", "services/Notifications", "CircularPlatform.Notifications")]
    [InlineData("gateway", "gateway", "CircularPlatform.Gateway")]
    public async Task Each_process_is_started_as_its_built_program_in_its_project_folder(string name, string folder, string program)
    {
        await using var model = await TopologyAsync();

        // What dotnet run would start, without dotnet run: the launcher beside the built assembly.
        var project = Resource<ProjectResource>(model, name);
        var launch = Assert.Single(project.Annotations.OfType<ExecutableAnnotation>());
        var projectFolder = Path.Combine(Repository.Root, folder);
        Assert.Equal(projectFolder, launch.WorkingDirectory);
        Assert.Equal(projectFolder, Path.GetFullPath(Path.Combine(Path.GetDirectoryName(launch.Command)!, "../../..")));
        Assert.Equal(program, Path.GetFileName(launch.Command));
        Assert.True(File.Exists(launch.Command), $"{launch.Command} is built");
        Assert.Empty(await ArgumentsAsync(project));
    }

    [Fact]
    public async Task Every_process_gets_a_capped_youngest_generation_unless_the_apphost_is_given_another()
    {
        await using (var model = await TopologyAsync())
        {
            foreach (var process in Services.Append("gateway"))
            {
                Assert.Equal(YoungGenerationBudget.DefaultBytes, (await EnvironmentAsync(model, process))[YoungGenerationBudget.Variable]);
            }
        }
        await using (var chosen = await TopologyAsync($"--{YoungGenerationBudget.Variable}", "0x4000000"))
        {
            Assert.Equal("0x4000000", (await EnvironmentAsync(chosen, "events"))[YoungGenerationBudget.Variable]);
        }
    }

    [Fact]
    public async Task An_external_authority_is_given_to_every_process_instead_of_members()
    {
        const string authority = "https://login.example.org/realms/club";
        await using var model = await TopologyAsync("--Identity:Authority", authority);

        foreach (var process in Services.Append("gateway"))
        {
            var environment = await EnvironmentAsync(model, process);
            Assert.Equal(authority, environment["Identity__Authority"]);
            Assert.DoesNotContain("Identity__Issuer", environment);
        }
        Assert.Equal("true", (await EnvironmentAsync(model, "members"))["Identity__Issuing__ExternalProvider"]);
    }

    [Fact]
    public async Task Notifications_writes_mail_to_the_data_folder_with_links_to_the_gateway_unless_given_an_SMTP_server()
    {
        await using (var model = await TopologyAsync())
        {
            var environment = await EnvironmentAsync(model, "notifications");
            Assert.Equal(Path.Combine(_data.Path, "mail"), environment["Notifications__Mail__PickupFolder"]);
            Assert.Equal("{gateway.bindings.http.url}", environment["Notifications__Mail__PublicBaseUrl"]);
            Assert.DoesNotContain("Notifications__Mail__Smtp__Host", environment);
        }

        await using var smtp = await TopologyAsync("--Notifications:Mail:Smtp:Host", "smtp.example.org", "--Notifications:Mail:Smtp:Password", "s3cret");
        var configured = await EnvironmentAsync(smtp, "notifications");
        Assert.Equal("smtp.example.org", configured["Notifications__Mail__Smtp__Host"]);
        // The password is a secret parameter: masked on the dashboard, named here, not shown.
        Assert.True(Resource<ParameterResource>(smtp, "smtp-password").Secret);
        Assert.DoesNotContain("s3cret", configured["Notifications__Mail__Smtp__Password"]);
    }

    [Fact]
    public async Task Knowledge_keeps_articles_files_in_the_data_folder_and_the_gateway_lets_the_largest_through()
    {
        await using (var model = await TopologyAsync())
        {
            Assert.Equal(Path.Combine(_data.Path, "attachments"), (await EnvironmentAsync(model, "knowledge"))["Knowledge__Attachments__Folder"]);
            Assert.Equal((10 * 1024 * 1024 + 64 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
                (await EnvironmentAsync(model, "gateway"))["Limits__MaxRequestBodyBytes"]);
        }

        await using var larger = await TopologyAsync("--Knowledge:Attachments:MaxBytes", "20971520");
        Assert.Equal("20971520", (await EnvironmentAsync(larger, "knowledge"))["Knowledge__Attachments__MaxBytes"]);
        Assert.Equal((20971520 + 64 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
            (await EnvironmentAsync(larger, "gateway"))["Limits__MaxRequestBodyBytes"]);
    }

    private Task<IDistributedApplicationTestingBuilder> TopologyAsync(params string[] arguments) =>
        DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(["--DataFolder", _data.Path, .. arguments]);

    private static T Resource<T>(IDistributedApplicationTestingBuilder model, string name) =>
        Assert.IsAssignableFrom<T>(Assert.Single(model.Resources, r => r.Name == name));

    // Aspire marks these helpers obsolete for its own launch code; they remain the ones meant for tests.
#pragma warning disable CS0618
    /// <summary>The variables a process is given, as the manifest spells them: references stay named, nothing has to run.</summary>
    private static async Task<Dictionary<string, string>> EnvironmentAsync(IDistributedApplicationTestingBuilder model, string name) =>
        await Resource<IResourceWithEnvironment>(model, name).GetEnvironmentVariableValuesAsync(DistributedApplicationOperation.Publish);

    private static async Task<string[]> ArgumentsAsync(IResourceWithArgs resource) =>
        await resource.GetArgumentValuesAsync(DistributedApplicationOperation.Publish);
#pragma warning restore CS0618

    // The annotation is the AppHost's own (internal): its name is what the test can see.
    private static bool RestartsOnCrash(IResource resource) =>
        resource.Annotations.Any(a => a.GetType().Name == "RestartOnCrashAnnotation");
}

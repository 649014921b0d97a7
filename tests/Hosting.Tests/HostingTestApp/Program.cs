// Answers what the hosting tests need to observe from inside a launched project: the variables it
// was given, and a health endpoint they can turn unhealthy.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole(options => options.SingleLine = true);
var app = builder.Build();

var unhealthyFlag = Path.Combine(Environment.GetEnvironmentVariable("DataFolder") ?? Path.GetTempPath(), $"unhealthy-{Environment.GetEnvironmentVariable("OTEL_SERVICE_NAME")}");

app.MapGet("/health", () => File.Exists(unhealthyFlag) ? Results.StatusCode(503) : Results.Text("Healthy"));
app.MapGet("/env", () => Results.Text(string.Join('\n', Environment.GetEnvironmentVariables()
    .Cast<System.Collections.DictionaryEntry>()
    .Select(entry => $"{entry.Key}={entry.Value}")
    .Order(StringComparer.Ordinal))));
app.MapGet("/pid", () => Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));

Console.WriteLine("test app started");
app.Run();

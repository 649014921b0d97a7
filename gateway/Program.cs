using CircularPlatform.Gateway.Routing;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddServiceRoutes();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapReverseProxy();

app.Run();

public partial class Program;

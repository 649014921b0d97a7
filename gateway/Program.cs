using CircularPlatform.Gateway.Protection;
using CircularPlatform.Gateway.Routing;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddServiceRoutes();
builder.AddGatewayProtection();

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseGatewayProtection();
app.MapReverseProxy();

app.Run();

public partial class Program;

using CircularPlatform.Gateway.Docs;
using CircularPlatform.Gateway.Protection;
using CircularPlatform.Gateway.Routing;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddServiceRoutes();
builder.AddGatewayProtection();
builder.AddApiReference();
builder.AddAccessRevocationFeed();

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseGatewayProtection();
app.MapReverseProxy();
app.MapApiReference();

app.Run();

public partial class Program;

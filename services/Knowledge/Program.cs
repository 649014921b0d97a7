using CircularPlatform.Knowledge.Apis;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapArticlesApi();

app.Run();

public partial class Program;

using CircularPlatform.Knowledge.Apis;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapMessagingOperations();
app.MapArticlesApi();
app.MapAttachmentsApi();

app.Run();

public partial class Program;

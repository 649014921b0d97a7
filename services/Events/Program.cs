using CircularPlatform.Events.Apis;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapMessagingOperations();
app.MapEventsApi();
app.MapRegistrationsApi();
app.MapCalendarsApi();
app.MapEventKindsApi();

app.Run();

public partial class Program;

using CircularPlatform.Notifications.Apis;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapMessagingOperations();
app.MapNotificationsApi();
app.MapMyNotificationsApi();
app.MapPreferencesApi();
app.MapUnsubscribeApi();
app.MapMailOperations();

app.Run();

public partial class Program;

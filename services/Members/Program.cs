using CircularPlatform.Members.Apis;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapMessagingOperations();
app.MapReferenceDataApi();
app.MapAuthApi();
app.MapAccountsApi();
app.MapMembershipApi();
app.MapOrganisationsApi();

app.Run();

public partial class Program;

using CircularPlatform.Members.Infrastructure;

namespace Microsoft.Extensions.Hosting;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<MembersContext, SqliteMembersContext, PostgresMembersContext>("membersdb");
        builder.AddMessaging<MembersContext>(typeof(Program).Assembly);
    }
}

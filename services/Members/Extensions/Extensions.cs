using CircularPlatform.Members.Infrastructure;

namespace Microsoft.Extensions.Hosting;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<IHostApplicationBuilder, MembersContext, SqliteMembersContext, PostgresMembersContext>("membersdb");
        builder.AddMessaging(typeof(Program).Assembly);
    }
}

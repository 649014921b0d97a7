using CircularPlatform.Knowledge.Infrastructure;

namespace Microsoft.Extensions.Hosting;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<IHostApplicationBuilder, KnowledgeContext, SqliteKnowledgeContext, PostgresKnowledgeContext>("knowledgedb");
        builder.AddMessaging(typeof(Program).Assembly);
    }
}

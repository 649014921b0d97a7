using CircularPlatform.Knowledge.Infrastructure;

namespace Microsoft.Extensions.Hosting;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<KnowledgeContext, SqliteKnowledgeContext, PostgresKnowledgeContext>("knowledgedb");
        builder.AddMessaging<KnowledgeContext>(typeof(Program).Assembly);
    }
}

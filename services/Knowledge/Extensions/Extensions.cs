using CircularPlatform.Knowledge.Infrastructure;
using CircularPlatform.Knowledge.Infrastructure.Search;
using CircularPlatform.ServiceDefaults.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<KnowledgeContext, SqliteKnowledgeContext, PostgresKnowledgeContext>("knowledgedb");
        builder.AddMessaging<KnowledgeContext>(typeof(Program).Assembly);
        builder.Services.AddSingleton(services => ArticleSearch.For(services.GetRequiredService<DatabaseInfo>().Provider));
    }
}

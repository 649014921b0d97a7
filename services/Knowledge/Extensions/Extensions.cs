using CircularPlatform.Knowledge.Infrastructure;
using CircularPlatform.Knowledge.Infrastructure.Attachments;
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
        builder.Services.AddOptions<AttachmentOptions>().BindConfiguration(AttachmentOptions.Section)
            .Validate(o => o.MaxBytes > 0 && o.MaxPerArticle > 0, "Knowledge:Attachments: MaxBytes and MaxPerArticle must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<AttachmentStore>();
        builder.Services.AddSingleton(services => ArticleSearch.For(services.GetRequiredService<DatabaseInfo>().Provider));
    }
}

using CircularPlatform.Contracts.IntegrationEvents;
using CircularPlatform.Notifications.Infrastructure;
using CircularPlatform.Notifications.Model;
using MassTransit;

namespace CircularPlatform.Notifications.IntegrationEvents.EventHandling;

/// <summary>A new article in the knowledge base: the members interested in one of its themes are told, once per article.</summary>
public sealed class ArticlePublishedConsumer(NotificationsContext db, TimeProvider clock) : IConsumer<ArticlePublished>
{
    public async Task Consume(ConsumeContext<ArticlePublished> context)
    {
        var published = context.Message;
        var cancellationToken = context.CancellationToken;
        var article = await db.Articles.FindAsync([published.ArticleId], cancellationToken);
        if (article is null)
        {
            db.Articles.Add(PublishedArticle.From(published.ArticleId, published.Title.Fr, published.Title.En, published.Kind, published.Themes, published.OccurredAt.UtcDateTime));
        }
        else
        {
            article.Republished(published.Title.Fr, published.Title.En, published.Themes, published.OccurredAt.UtcDateTime);
        }
        await db.SaveChangesAsync(cancellationToken);
        // Its author knows already.
        await Feed.TellAsync(db, clock,
            db.Recipients.Where(r => r.Active && r.Preferences.Articles && r.MemberId != published.AuthorId),
            published.Themes,
            new Tidings(NotificationKind.ArticlePublished, Topic.Article, $"article-published:{published.ArticleId}", ArticleId: published.ArticleId),
            cancellationToken);
    }
}

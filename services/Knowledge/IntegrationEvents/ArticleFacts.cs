using CircularPlatform.Contracts;
using CircularPlatform.Contracts.IntegrationEvents;
using CircularPlatform.Knowledge.Model;

namespace CircularPlatform.Knowledge.IntegrationEvents;

/// <summary>What Knowledge tells the other services, built from its own model in one place.</summary>
public static class ArticleFacts
{
    public static ArticlePublished Published(Article a) => new()
    {
        ArticleId = a.Id,
        Title = new BilingualText { Fr = a.TitleFr, En = a.TitleEn },
        Kind = a.Kind,
        Themes = a.Themes,
        AuthorId = a.AuthorId,
    };
}

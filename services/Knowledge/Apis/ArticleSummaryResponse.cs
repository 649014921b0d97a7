using CircularPlatform.Knowledge.Infrastructure.Search;
using CircularPlatform.Knowledge.Model;
using CircularPlatform.ServiceDefaults.Http;

namespace CircularPlatform.Knowledge.Apis;

/// <summary>
/// One article of a list, in the reader's language (<c>lang</c> or Accept-Language), else French,
/// saying which it gave and whether it stands in for the one asked for, as <see cref="ArticleText"/>
/// does; with a search, the <see cref="Snippet"/> where the words were found.
/// </summary>
public sealed record ArticleSummaryResponse(
    Guid Id,
    string Kind,
    string Language,
    bool Fallback,
    string Title,
    string? Summary,
    SearchSnippet? Snippet,
    IReadOnlyList<string> Themes,
    IReadOnlyList<string> Languages,
    Guid? OrganisationId,
    DateTimeOffset? PublishedAt,
    ArticleStatus Status,
    TranslationsResponse Translations)
{
    public static ArticleSummaryResponse From(ArticleListing a, string requested, SearchSnippet? snippet = null)
    {
        // As for the article itself: the English text whole or not at all.
        var title = ReaderLanguage.Pick(requested, a.TitleFr, a.HasEnglish ? a.TitleEn : null);
        var english = title.Language == ReaderLanguage.English;
        return new(
            a.Id,
            a.Kind,
            title.Language,
            title.Fallback,
            title.Value,
            english ? a.SummaryEn ?? a.SummaryFr : a.SummaryFr,
            snippet,
            a.Themes,
            a.HasEnglish ? [Contracts.Languages.French, Contracts.Languages.English] : [Contracts.Languages.French],
            a.OrganisationId,
            a.PublishedAt is { } published ? ArticleResponse.Utc(published) : null,
            a.Status,
            new TranslationsResponse(TranslationStatus.Done, a.EnglishTranslation));
    }
}

/// <summary>What a list reads of an article: no body, which is the bulk of its row, except for a search's snippets.</summary>
public sealed record ArticleListing(
    Guid Id,
    string Kind,
    string TitleFr,
    string? TitleEn,
    string? SummaryFr,
    string? SummaryEn,
    bool HasEnglish,
    List<string> Themes,
    Guid? OrganisationId,
    DateTime? PublishedAt,
    ArticleStatus Status,
    TranslationStatus EnglishTranslation,
    string? BodyFr,
    string? BodyEn)
{
    /// <summary>The texts a search's snippet is cut from.</summary>
    public ArticleHighlights Texts => new(Id, TitleFr, TitleEn, SummaryFr, SummaryEn, BodyFr, BodyEn);
}

using CircularPlatform.Contracts;
using CircularPlatform.Knowledge.Model;

namespace CircularPlatform.Knowledge.Apis;

public sealed record ArticleSummaryResponse(
    Guid Id,
    string Kind,
    BilingualText Title,
    BilingualText? Summary,
    IReadOnlyList<string> Themes,
    IReadOnlyList<string> Languages,
    DateTimeOffset? PublishedAt)
{
    public static ArticleSummaryResponse From(Article a) => new(
        a.Id,
        a.Kind,
        new BilingualText { Fr = a.TitleFr, En = a.TitleEn },
        a.SummaryFr is null ? null : new BilingualText { Fr = a.SummaryFr, En = a.SummaryEn },
        a.Themes,
        a.HasEnglish ? [Contracts.Languages.French, Contracts.Languages.English] : [Contracts.Languages.French],
        a.PublishedAt is { } published ? new DateTimeOffset(published, TimeSpan.Zero) : null);
}

using CircularPlatform.Contracts;
using CircularPlatform.Knowledge.Model;
using CircularPlatform.ServiceDefaults.Http;

namespace CircularPlatform.Knowledge.Apis;

/// <summary>
/// One article: its content as written (Markdown) in both languages, and <see cref="Text"/>, the
/// reader's language rendered to sanitised HTML.
/// </summary>
public sealed record ArticleResponse(
    Guid Id,
    string Kind,
    ArticleStatus Status,
    BilingualText Title,
    BilingualText? Summary,
    BilingualText Body,
    IReadOnlyList<string> Themes,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Languages,
    TranslationsResponse Translations,
    Guid? AuthorId,
    AuthorResponse? Author,
    IReadOnlyList<Guid> CoAuthorIds,
    bool AuthorForgotten,
    Guid? OrganisationId,
    Guid? EventId,
    ProgrammeResponse? Programme,
    IReadOnlyList<AttachmentResponse> Attachments,
    ArticleText Text,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset? PublishedAt,
    DateTimeOffset? ArchivedAt,
    string? ReviewComment)
{
    /// <param name="author">What Knowledge knows of the author, if anything yet.</param>
    /// <param name="attachments">Its files, if the caller loaded them.</param>
    public static ArticleResponse From(Article a, string language, ArticleAuthor? author = null, IReadOnlyList<ArticleAttachment>? attachments = null) => new(
        a.Id,
        a.Kind,
        a.Status,
        new BilingualText { Fr = a.TitleFr, En = a.TitleEn },
        a.SummaryFr is null ? null : new BilingualText { Fr = a.SummaryFr, En = a.SummaryEn },
        new BilingualText { Fr = a.BodyFr, En = a.BodyEn },
        a.Themes,
        a.Tags,
        a.HasEnglish ? [Contracts.Languages.French, Contracts.Languages.English] : [Contracts.Languages.French],
        new TranslationsResponse(TranslationStatus.Done, a.EnglishTranslation),
        a.AuthorId,
        a.AuthorId is { } id ? new AuthorResponse(id, author?.DisplayName, author?.OrganisationId) : null,
        a.CoAuthorIds,
        a.AuthorId is null && a.AuthorForgotten,
        a.OrganisationId,
        a.EventId,
        a.Kind == ArticleKinds.Programme ? ProgrammeResponse.From(a.EligibilityFr, a.EligibilityEn, a.Deadline, a.Link) : null,
        attachments?.Select(AttachmentResponse.From).ToList() ?? [],
        ArticleText.Pick(language, a),
        a.Version,
        Utc(a.CreatedAt),
        Utc(a.UpdatedAt),
        a.SubmittedAt is { } submitted ? Utc(submitted) : null,
        a.PublishedAt is { } published ? Utc(published) : null,
        a.ArchivedAt is { } archived ? Utc(archived) : null,
        a.Status == ArticleStatus.Draft ? a.ReviewComment : null);

    internal static DateTimeOffset Utc(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeSpan.Zero);
}

/// <summary>Where each language stands: French is the original, always done; English missing, pending or done.</summary>
public sealed record TranslationsResponse(TranslationStatus Fr, TranslationStatus En);

/// <summary>Who signs the article; the name once Members has told it.</summary>
public sealed record AuthorResponse(Guid Id, string? Name, Guid? OrganisationId);

/// <summary>A programme's practical side; the deadline in Paris time.</summary>
public sealed record ProgrammeResponse(BilingualText? Eligibility, DateTimeOffset? Deadline, string? Link)
{
    public static ProgrammeResponse From(string? eligibilityFr, string? eligibilityEn, DateTime? deadline, string? link) => new(
        eligibilityFr is null ? null : new BilingualText { Fr = eligibilityFr, En = eligibilityEn },
        deadline is { } d ? ParisTime.FromUtc(d) : null,
        link);
}

/// <summary>
/// The article in one language, saying which one and whether it stands in for the one asked for
/// (an English reader of an article only written in French); the body as sanitised HTML.
/// </summary>
public sealed record ArticleText(string Language, bool Fallback, string Title, string? Summary, string Html)
{
    public static ArticleText Pick(string requested, Article a)
    {
        // The English text is given whole or not at all: an English title over a French body would mislead.
        var picked = ReaderLanguage.Pick(requested, a.TitleFr, a.HasEnglish ? a.TitleEn : null);
        return picked.Language == ReaderLanguage.English
            ? new ArticleText(picked.Language, picked.Fallback, picked.Value, a.SummaryEn ?? a.SummaryFr, ArticleHtml.Render(a.BodyEn!))
            : new ArticleText(picked.Language, picked.Fallback, picked.Value, a.SummaryFr, ArticleHtml.Render(a.BodyFr));
    }
}

/// <summary>One saved version of an article: who saved it, when, and what it said.</summary>
public sealed record ArticleRevisionResponse(
    int Number,
    Guid? SavedBy,
    DateTimeOffset SavedAt,
    string Kind,
    BilingualText Title,
    BilingualText? Summary,
    BilingualText Body,
    IReadOnlyList<string> Themes,
    IReadOnlyList<string> Tags,
    Guid? OrganisationId,
    Guid? EventId,
    ProgrammeResponse? Programme)
{
    public static ArticleRevisionResponse From(ArticleRevision r)
    {
        var c = r.Read();
        return new(
            r.Number,
            r.SavedBy,
            ArticleResponse.Utc(r.SavedAt),
            c.Kind,
            new BilingualText { Fr = c.TitleFr, En = c.TitleEn },
            c.SummaryFr is null ? null : new BilingualText { Fr = c.SummaryFr, En = c.SummaryEn },
            new BilingualText { Fr = c.BodyFr, En = c.BodyEn },
            c.Themes,
            c.Tags,
            c.OrganisationId,
            c.EventId,
            c.Kind == ArticleKinds.Programme ? ProgrammeResponse.From(c.EligibilityFr, c.EligibilityEn, c.Deadline, c.Link) : null);
    }
}

using CircularPlatform.Contracts;
using CircularPlatform.Knowledge.Model;
using CircularPlatform.ServiceDefaults.Http;

namespace CircularPlatform.Knowledge.Apis;

/// <summary>A text written in French and, optionally, in English: <c>{"fr": ..., "en": ...}</c>.</summary>
public sealed record BilingualTextRequest(string? Fr, string? En);

/// <summary>Programmes only: who may apply, by when (Paris time unless an offset is given), and where.</summary>
public sealed record ProgrammeRequest(BilingualTextRequest? Eligibility, string? Deadline, string? Link);

/// <summary>
/// What the author says of a translation: <c>{"en": "pending"}</c> when one is asked for or under
/// way, <c>"done"</c> when the English is checked against the French, <c>"missing"</c> when there
/// is none. Left out, the save decides (see <see cref="TranslationStatus"/>).
/// </summary>
public sealed record TranslationsRequest(string? En);

/// <summary>
/// An article as its author writes it, for <c>POST /api/knowledge/articles</c> and
/// <c>PUT /api/knowledge/articles/{id}</c>. Every field is optional at the JSON level so that a
/// missing one is reported by name with the other problems. Title, summary and body are Markdown
/// (the title and summary as plain text), French required, English optional.
/// </summary>
public sealed record ArticleRequest(
    string? Kind,
    BilingualTextRequest? Title,
    BilingualTextRequest? Summary,
    BilingualTextRequest? Body,
    IReadOnlyList<string>? Themes,
    IReadOnlyList<string>? Tags,
    Guid? OrganisationId,
    Guid? EventId,
    ProgrammeRequest? Programme,
    TranslationsRequest? Translations = null)
{
    public ArticleContent? Validate(ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(Kind))
        {
            errors.Add("kind", $"The kind is required: one of {string.Join(", ", ArticleKinds.All)}.");
        }
        else if (!ArticleKinds.All.Contains(Kind))
        {
            errors.Add("kind", $"'{Kind}' is not a kind of article: use one of {string.Join(", ", ArticleKinds.All)}.");
        }
        var title = Text(errors, "title", Title, ArticleRules.TitleMaxLength, required: true);
        var summary = Text(errors, "summary", Summary, ArticleRules.SummaryMaxLength, required: false);
        var body = Text(errors, "body", Body, ArticleRules.BodyMaxLength, required: true);
        var themes = ValidateThemes(errors);
        var tags = ValidateTags(errors);
        var (eligibility, deadline, link) = ValidateProgramme(errors);
        var english = ValidateTranslation(errors, title.En is not null && body.En is not null);
        if (errors.Any)
        {
            return null;
        }
        return new ArticleContent
        {
            Kind = Kind!,
            TitleFr = title.Fr!,
            TitleEn = title.En,
            SummaryFr = summary.Fr,
            SummaryEn = summary.En,
            BodyFr = body.Fr!,
            BodyEn = body.En,
            Themes = themes,
            Tags = tags,
            OrganisationId = OrganisationId,
            EventId = EventId,
            EligibilityFr = eligibility.Fr,
            EligibilityEn = eligibility.En,
            Deadline = deadline,
            Link = link,
            EnglishTranslation = english,
        };
    }

    private TranslationStatus? ValidateTranslation(ValidationErrors errors, bool hasEnglish)
    {
        if (string.IsNullOrWhiteSpace(Translations?.En))
        {
            return null;
        }
        if (!Enum.TryParse<TranslationStatus>(Translations.En, ignoreCase: true, out var said) || !Enum.IsDefined(said) || int.TryParse(Translations.En, out _))
        {
            errors.Add("translations.en", "Use missing, pending or done.");
            return null;
        }
        if (said == TranslationStatus.Done && !hasEnglish)
        {
            errors.Add("translations.en", "The English is done only when its title and body are given.");
        }
        else if (said == TranslationStatus.Missing && hasEnglish)
        {
            errors.Add("translations.en", "An English title and body are given: the translation is pending or done, not missing.");
        }
        return said;
    }

    private static (string? Fr, string? En) Text(ValidationErrors errors, string field, BilingualTextRequest? text, int max, bool required)
    {
        var fr = Blank(text?.Fr);
        var en = Blank(text?.En);
        if (fr is null && (required || en is not null))
        {
            errors.Add($"{field}.fr", required
                ? $"The French {field} is required."
                : $"French is the club's language: give the French {field} with the English one.");
        }
        foreach (var (language, value) in new[] { ("fr", fr), ("en", en) })
        {
            if (value is not null && value.Length > max)
            {
                errors.Add($"{field}.{language}", $"At most {max} characters.");
            }
        }
        return (fr, en);
    }

    private List<string> ValidateThemes(ValidationErrors errors)
    {
        if (Themes is null || Themes.Count == 0)
        {
            errors.Add("themes", "At least one of the club's themes is required.");
            return [];
        }
        if (Themes.Count > ArticleRules.MaxThemes)
        {
            errors.Add("themes", $"At most {ArticleRules.MaxThemes} themes.");
            return [];
        }
        return Contracts.Themes.Resolve(Themes, (i, slug) => errors.Add($"themes[{i}]", Contracts.Themes.UnknownReason(slug)));
    }

    /// <summary>Free words of the author's, kept in lower case and without repeats.</summary>
    private List<string> ValidateTags(ValidationErrors errors)
    {
        if (Tags is null)
        {
            return [];
        }
        if (Tags.Count > ArticleRules.MaxTags)
        {
            errors.Add("tags", $"At most {ArticleRules.MaxTags} tags.");
            return [];
        }
        var tags = new List<string>(Tags.Count);
        for (var i = 0; i < Tags.Count; i++)
        {
            var tag = Blank(Tags[i])?.ToLowerInvariant();
            if (tag is null || tag.Length > ArticleRules.TagMaxLength)
            {
                errors.Add($"tags[{i}]", $"A tag is a word or two, at most {ArticleRules.TagMaxLength} characters.");
            }
            else if (!tags.Contains(tag))
            {
                tags.Add(tag);
            }
        }
        return tags;
    }

    private ((string? Fr, string? En) Eligibility, DateTime? Deadline, string? Link) ValidateProgramme(ValidationErrors errors)
    {
        if (Programme is null)
        {
            return ((null, null), null, null);
        }
        if (Kind != ArticleKinds.Programme)
        {
            errors.Add("programme", "Only an article of kind 'programme' has eligibility, a deadline and a link.");
            return ((null, null), null, null);
        }
        var eligibility = Text(errors, "programme.eligibility", Programme.Eligibility, ArticleRules.EligibilityMaxLength, required: false);
        DateTime? deadline = null;
        if (Blank(Programme.Deadline) is { } text)
        {
            if (ParisTime.TryParse(text, out var utc, out var problem))
            {
                deadline = utc;
            }
            else
            {
                errors.Add("programme.deadline", problem!);
            }
        }
        var link = Blank(Programme.Link);
        if (link is not null)
        {
            if (link.Length > ArticleRules.UrlMaxLength)
            {
                errors.Add("programme.link", $"At most {ArticleRules.UrlMaxLength} characters.");
            }
            else if (!Uri.TryCreate(link, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || string.IsNullOrEmpty(uri.Host))
            {
                errors.Add("programme.link", "The link must be a full web address (https://…).");
            }
        }
        return (eligibility, deadline, link);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>Why an organiser sends an article back to its author.</summary>
public sealed record RejectArticleRequest(string? Comment);

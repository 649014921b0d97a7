namespace CircularPlatform.Knowledge.Model;

/// <summary>
/// A best practice, feedback on experience, case study, guide or support programme shared with the
/// club, written in French and, where the author can, in English too.
/// </summary>
/// <remarks>
/// The life of an article: its author writes a draft and submits it; an organiser publishes it or
/// sends it back to draft with a comment; a published article may be archived. A published article
/// revised by its author or an organiser goes back to review and is out of the list until an
/// organiser approves the new revision: readers only ever see what an organiser approved. Every
/// save is kept as a revision (see <see cref="ArticleRevision"/>).
/// </remarks>
public sealed class Article
{
    private Article()
    {
    }

    public Guid Id { get; private set; }
    public string Kind { get; private set; } = string.Empty;
    public string TitleFr { get; private set; } = string.Empty;
    public string? TitleEn { get; private set; }
    public string? SummaryFr { get; private set; }
    public string? SummaryEn { get; private set; }
    public string BodyFr { get; private set; } = string.Empty;
    public string? BodyEn { get; private set; }
    public List<string> Themes { get; private set; } = [];
    public List<string> Tags { get; private set; } = [];
    /// <summary>The member who wrote it (the token's subject); they alone edit and submit its drafts.</summary>
    public Guid? AuthorId { get; private set; }
    /// <summary>The organisation it speaks for, as its author said (Members keeps the directory).</summary>
    public Guid? OrganisationId { get; private set; }
    /// <summary>The event of the club it tells about, as its author said.</summary>
    public Guid? EventId { get; private set; }
    public string? EligibilityFr { get; private set; }
    public string? EligibilityEn { get; private set; }
    public DateTime? Deadline { get; private set; }
    public string? Link { get; private set; }

    public ArticleStatus Status { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public DateTime? SubmittedAt { get; private set; }
    /// <summary>When an organiser first published it; the list's order.</summary>
    public DateTime? PublishedAt { get; private set; }
    public DateTime? ArchivedAt { get; private set; }
    /// <summary>Why the last reviewer sent it back to draft; cleared on approval.</summary>
    public string? ReviewComment { get; private set; }
    public Guid? ReviewedBy { get; private set; }

    /// <summary>Grows with every change; the ETag, the concurrency token, and the number of the last revision saved.</summary>
    public int Version { get; private set; }

    public bool HasEnglish => !string.IsNullOrWhiteSpace(TitleEn) && !string.IsNullOrWhiteSpace(BodyEn);

    public ArticleContent Content => new()
    {
        Kind = Kind,
        TitleFr = TitleFr,
        TitleEn = TitleEn,
        SummaryFr = SummaryFr,
        SummaryEn = SummaryEn,
        BodyFr = BodyFr,
        BodyEn = BodyEn,
        Themes = Themes,
        Tags = Tags,
        OrganisationId = OrganisationId,
        EventId = EventId,
        EligibilityFr = EligibilityFr,
        EligibilityEn = EligibilityEn,
        Deadline = Deadline,
        Link = Link,
    };

    /// <summary>A member's new draft, and its first revision.</summary>
    public static (Article Article, ArticleRevision Revision) Draft(ArticleContent content, Guid author, DateTime now)
    {
        var article = new Article
        {
            Id = Guid.CreateVersion7(),
            Status = ArticleStatus.Draft,
            AuthorId = author,
            CreatedAt = now,
        };
        return (article, article.Save(content, author, now));
    }

    public bool IsAuthor(Guid? member) => member is not null && AuthorId == member;

    /// <summary>
    /// A new version of the content, kept as a revision; null with the reason when the article's
    /// state allows no edit. Who may edit is the caller's to check (<see cref="MayEdit"/>).
    /// </summary>
    public ArticleRevision? Change(ArticleContent content, Guid? by, DateTime now, out string? refusal)
    {
        refusal = Status switch
        {
            ArticleStatus.Submitted => "The article is under review: wait for the organisers' answer (a rejection returns it to its author as a draft).",
            ArticleStatus.Archived => "The article is archived; archived articles are kept as they were.",
            _ => null,
        };
        if (refusal is not null)
        {
            return null;
        }
        if (Status == ArticleStatus.Published)
        {
            // A new revision of a published article is reviewed like the first.
            Status = ArticleStatus.Submitted;
            SubmittedAt = now;
        }
        return Save(content, by, now);
    }

    /// <summary>Only its author edits a draft; a published article may also be revised by an organiser.</summary>
    public bool MayEdit(Guid? member, bool organiser) =>
        IsAuthor(member) || organiser && Status is ArticleStatus.Published or ArticleStatus.Submitted or ArticleStatus.Archived;

    public bool TrySubmit(DateTime now, out string? refusal)
    {
        refusal = Status switch
        {
            ArticleStatus.Draft => null,
            ArticleStatus.Submitted => "The article is submitted already and waits for an organiser.",
            ArticleStatus.Published => "The article is published; edit it to submit a new revision.",
            _ => "The article is archived.",
        };
        if (refusal is not null)
        {
            return false;
        }
        Status = ArticleStatus.Submitted;
        SubmittedAt = now;
        Touch(now);
        return true;
    }

    public bool TryApprove(Guid? reviewer, DateTime now, out string? refusal)
    {
        if (!UnderReview(out refusal))
        {
            return false;
        }
        Status = ArticleStatus.Published;
        PublishedAt ??= now;
        ReviewComment = null;
        ReviewedBy = reviewer;
        Touch(now);
        return true;
    }

    public bool TryReject(Guid? reviewer, string comment, DateTime now, out string? refusal)
    {
        if (!UnderReview(out refusal))
        {
            return false;
        }
        Status = ArticleStatus.Draft;
        ReviewComment = comment;
        ReviewedBy = reviewer;
        Touch(now);
        return true;
    }

    public bool TryArchive(DateTime now, out string? refusal)
    {
        refusal = Status == ArticleStatus.Published ? null
            : Status == ArticleStatus.Archived ? "The article is archived already."
            : "Only a published article is archived; a draft stays its author's.";
        if (refusal is not null)
        {
            return false;
        }
        Status = ArticleStatus.Archived;
        ArchivedAt = now;
        Touch(now);
        return true;
    }

    private bool UnderReview(out string? refusal)
    {
        refusal = Status switch
        {
            ArticleStatus.Submitted => null,
            ArticleStatus.Draft => "The article is a draft: its author submits it first.",
            ArticleStatus.Published => "The article is published already.",
            _ => "The article is archived.",
        };
        return refusal is null;
    }

    private ArticleRevision Save(ArticleContent content, Guid? by, DateTime now)
    {
        Kind = content.Kind;
        TitleFr = content.TitleFr;
        TitleEn = content.TitleEn;
        SummaryFr = content.SummaryFr;
        SummaryEn = content.SummaryEn;
        BodyFr = content.BodyFr;
        BodyEn = content.BodyEn;
        Themes = [.. content.Themes];
        Tags = [.. content.Tags];
        OrganisationId = content.OrganisationId;
        EventId = content.EventId;
        EligibilityFr = content.EligibilityFr;
        EligibilityEn = content.EligibilityEn;
        Deadline = content.Deadline;
        Link = content.Link;
        Touch(now);
        return ArticleRevision.Of(this, by, now);
    }

    private void Touch(DateTime now)
    {
        Version++;
        UpdatedAt = now;
    }
}

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
    /// <summary>
    /// The member who wrote it (the token's subject); they alone, with any co-author, edit and
    /// submit its drafts. None when the author asked to be forgotten (<see cref="AuthorForgotten"/>),
    /// or for a feedback draft of an event nobody organised by name.
    /// </summary>
    public Guid? AuthorId { get; private set; }
    /// <summary>Members who write it with the author: an event's other organisers for its feedback.</summary>
    public List<Guid> CoAuthorIds { get; private set; } = [];
    /// <summary>Its author left the club asking to be forgotten: the article stays, signed by nobody.</summary>
    public bool AuthorForgotten { get; private set; }
    /// <summary>The event whose completion opened this feedback draft: one per event, whatever is redelivered.</summary>
    public Guid? FeedbackOfEventId { get; private set; }
    /// <summary>The organisation it speaks for, as its author said (Members keeps the directory).</summary>
    public Guid? OrganisationId { get; private set; }
    /// <summary>The event of the club it tells about, as its author said.</summary>
    public Guid? EventId { get; private set; }
    public string? EligibilityFr { get; private set; }
    public string? EligibilityEn { get; private set; }
    public DateTime? Deadline { get; private set; }
    public string? Link { get; private set; }
    public TranslationStatus EnglishTranslation { get; private set; }

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
        EnglishTranslation = EnglishTranslation,
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

    /// <summary>
    /// The draft feedback on an event that took place, opened for its organisers (the first the
    /// author, the others co-authors); nobody's but the organisers' when it names none.
    /// </summary>
    public static (Article Article, ArticleRevision Revision) FeedbackDraft(
        Guid eventId, ArticleContent content, IReadOnlyList<Guid> organisers, DateTime now)
    {
        var article = new Article
        {
            Id = Guid.CreateVersion7(),
            Status = ArticleStatus.Draft,
            AuthorId = organisers.Count > 0 ? organisers[0] : null,
            CoAuthorIds = [.. organisers.Skip(1).Distinct().Where(o => o != organisers[0])],
            FeedbackOfEventId = eventId,
            CreatedAt = now,
        };
        return (article, article.Save(content, null, now));
    }

    /// <summary>Its author or a co-author.</summary>
    public bool IsAuthor(Guid? member) => member is { } m && (AuthorId == m || CoAuthorIds.Contains(m));

    /// <summary>
    /// An article nobody signs any more (its author was forgotten, or an event's feedback named no
    /// organiser) is the organisers' to carry on.
    /// </summary>
    public bool Unsigned => AuthorId is null && CoAuthorIds.Count == 0;

    /// <summary>
    /// The member asked to be forgotten: what they wrote with others or got published stays, signed
    /// by nobody; a draft of theirs alone is theirs alone and goes with them (true: remove it).
    /// </summary>
    public bool Forget(Guid member)
    {
        if (AuthorId == member && CoAuthorIds.Count == 0 && Status == ArticleStatus.Draft && PublishedAt is null)
        {
            return true;
        }
        if (AuthorId == member)
        {
            AuthorId = null;
            AuthorForgotten = true;
            if (CoAuthorIds.Count > 0)
            {
                // The next co-author signs it; the article is not left to nobody while someone wrote it.
                AuthorId = CoAuthorIds[0];
                CoAuthorIds = [.. CoAuthorIds.Skip(1)];
            }
        }
        else if (CoAuthorIds.Contains(member))
        {
            CoAuthorIds = [.. CoAuthorIds.Where(c => c != member)];
        }
        if (ReviewedBy == member)
        {
            ReviewedBy = null;
        }
        return false;
    }

    /// <summary>
    /// A new version of the content, kept as a revision; null with the reason when the article's
    /// state allows no edit. Who may edit is the caller's to check (<see cref="MayEdit"/>).
    /// </summary>
    public ArticleRevision? Change(ArticleContent content, Guid? by, DateTime now, out string? refusal)
    {
        // A new revision of a published article is reviewed like the first.
        return TryReopen(now, out refusal) ? Save(content, by, now) : null;
    }

    /// <summary>
    /// Only its authors edit a draft; a published article may also be revised by an organiser, and
    /// an unsigned one is the organisers' altogether.
    /// </summary>
    public bool MayEdit(Guid? member, bool organiser) =>
        IsAuthor(member) || organiser && (Unsigned || Status is ArticleStatus.Published or ArticleStatus.Submitted or ArticleStatus.Archived);

    /// <summary>Its authors submit it; an unsigned draft, an organiser.</summary>
    public bool MaySubmit(Guid? member, bool organiser) => IsAuthor(member) || organiser && Unsigned;

    /// <summary>
    /// A file added or taken away: a change like any other, refused in the same states; a
    /// published article goes back to review, so readers only get files an organiser saw.
    /// </summary>
    public bool TryChangeFiles(DateTime now, out string? refusal)
    {
        if (!TryReopen(now, out refusal))
        {
            return false;
        }
        Touch(now);
        return true;
    }

    /// <summary>Whether the article's state allows a change; a published one goes back to review.</summary>
    private bool TryReopen(DateTime now, out string? refusal)
    {
        refusal = Status switch
        {
            ArticleStatus.Submitted => "The article is under review: wait for the organisers' answer (a rejection returns it to its author as a draft).",
            ArticleStatus.Archived => "The article is archived; archived articles are kept as they were.",
            _ => null,
        };
        if (refusal is not null)
        {
            return false;
        }
        if (Status == ArticleStatus.Published)
        {
            Status = ArticleStatus.Submitted;
            SubmittedAt = now;
        }
        return true;
    }

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
        EnglishTranslation = Settle(content, Version == 0 ? null : Content, EnglishTranslation);
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

    /// <summary>Where the English stands after a save (see <see cref="TranslationStatus"/>).</summary>
    internal static TranslationStatus Settle(ArticleContent next, ArticleContent? before, TranslationStatus previous)
    {
        if (next.EnglishTranslation is { } said)
        {
            return said;
        }
        if (!next.HasEnglish)
        {
            return previous == TranslationStatus.Pending ? TranslationStatus.Pending : TranslationStatus.Missing;
        }
        if (before is null || !next.SameText(before, english: true))
        {
            return TranslationStatus.Done;
        }
        return next.SameText(before, english: false) ? previous : TranslationStatus.Pending;
    }

    private void Touch(DateTime now)
    {
        Version++;
        UpdatedAt = now;
    }
}

using CircularPlatform.Knowledge.Model;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace CircularPlatform.Knowledge.Apis;

/// <summary>
/// What changed from one revision of an article to another: only the fields that differ; texts
/// line by line (a body's unchanged stretches folded to a few lines of context around each change),
/// the others as before and after.
/// </summary>
public sealed record RevisionDiffResponse(
    RevisionMark From,
    RevisionMark To,
    IReadOnlyList<FieldChange> Changes)
{
    /// <summary>Unchanged lines kept on each side of a change, as in a unified diff.</summary>
    public const int Context = 3;

    public static RevisionDiffResponse Between(ArticleRevision from, ArticleRevision to)
    {
        var (a, b) = (from.Read(), to.Read());
        var changes = new List<FieldChange>();
        Value(changes, "kind", a.Kind, b.Kind);
        Text(changes, "title.fr", a.TitleFr, b.TitleFr);
        Text(changes, "title.en", a.TitleEn, b.TitleEn);
        Text(changes, "summary.fr", a.SummaryFr, b.SummaryFr);
        Text(changes, "summary.en", a.SummaryEn, b.SummaryEn);
        Text(changes, "body.fr", a.BodyFr, b.BodyFr);
        Text(changes, "body.en", a.BodyEn, b.BodyEn);
        Value(changes, "themes", string.Join(", ", a.Themes), string.Join(", ", b.Themes));
        Value(changes, "tags", string.Join(", ", a.Tags), string.Join(", ", b.Tags));
        Value(changes, "organisationId", a.OrganisationId?.ToString(), b.OrganisationId?.ToString());
        Value(changes, "eventId", a.EventId?.ToString(), b.EventId?.ToString());
        Text(changes, "programme.eligibility.fr", a.EligibilityFr, b.EligibilityFr);
        Text(changes, "programme.eligibility.en", a.EligibilityEn, b.EligibilityEn);
        Value(changes, "programme.deadline", Deadline(a.Deadline), Deadline(b.Deadline));
        Value(changes, "programme.link", a.Link, b.Link);
        Value(changes, "translations.en", Status(a.EnglishTranslation), Status(b.EnglishTranslation));
        return new RevisionDiffResponse(RevisionMark.Of(from), RevisionMark.Of(to), changes);
    }

    private static void Value(List<FieldChange> changes, string field, string? before, string? after)
    {
        if (Blank(before) != Blank(after))
        {
            changes.Add(new FieldChange(field, Blank(before), Blank(after), null));
        }
    }

    private static void Text(List<FieldChange> changes, string field, string? before, string? after)
    {
        if (Blank(before) == Blank(after))
        {
            return;
        }
        var model = InlineDiffBuilder.Diff(before ?? "", after ?? "", ignoreWhiteSpace: false);
        var lines = model.Lines.Select(l => new DiffLine(Change(l.Type), l.Text)).ToList();
        changes.Add(new FieldChange(field, null, null, Fold(lines)));
    }

    /// <summary>Keeps <see cref="Context"/> unchanged lines around each change; a longer stretch becomes one "skipped" line saying how many.</summary>
    internal static IReadOnlyList<DiffLine> Fold(IReadOnlyList<DiffLine> lines)
    {
        var near = new bool[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Change != DiffLine.Unchanged)
            {
                for (var j = Math.Max(0, i - Context); j <= Math.Min(lines.Count - 1, i + Context); j++)
                {
                    near[j] = true;
                }
            }
        }
        var folded = new List<DiffLine>();
        for (var i = 0; i < lines.Count;)
        {
            if (near[i])
            {
                folded.Add(lines[i++]);
                continue;
            }
            var start = i;
            while (i < lines.Count && !near[i])
            {
                i++;
            }
            folded.Add(new DiffLine(DiffLine.Skipped, null, i - start));
        }
        return folded;
    }

    private static string Change(ChangeType type) => type switch
    {
        ChangeType.Deleted => DiffLine.Removed,
        ChangeType.Inserted => DiffLine.Added,
        _ => DiffLine.Unchanged,
    };

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static string? Deadline(DateTime? utc) => utc is { } d ? Contracts.ParisTime.FromUtc(d).ToString("yyyy-MM-dd'T'HH:mmzzz") : null;

    private static string? Status(TranslationStatus? status) => status?.ToString().ToLowerInvariant();
}

/// <summary>One end of a comparison: the revision's number, who saved it and when.</summary>
public sealed record RevisionMark(int Number, Guid? SavedBy, DateTimeOffset SavedAt)
{
    public static RevisionMark Of(ArticleRevision r) => new(r.Number, r.SavedBy, ArticleResponse.Utc(r.SavedAt));
}

/// <summary>
/// A field that differs: <see cref="Before"/> and <see cref="After"/> for a value (null: none),
/// <see cref="Lines"/> for a text.
/// </summary>
public sealed record FieldChange(string Field, string? Before, string? After, IReadOnlyList<DiffLine>? Lines);

/// <summary>A line of a text's comparison: unchanged, removed, added, or a stretch of unchanged lines skipped.</summary>
public sealed record DiffLine(string Change, string? Text, int? Count = null)
{
    public const string Unchanged = "unchanged";
    public const string Removed = "removed";
    public const string Added = "added";
    public const string Skipped = "skipped";
}

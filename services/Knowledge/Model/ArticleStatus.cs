namespace CircularPlatform.Knowledge.Model;

/// <summary>
/// Where an article stands in its review: its author's draft, submitted to the organisers,
/// published for everyone, or archived (kept, no longer listed). A rejection sends it back to draft
/// with the reviewer's comment.
/// </summary>
public enum ArticleStatus
{
    Draft,
    Submitted,
    Published,
    Archived,
}

namespace CircularPlatform.Knowledge.Model;

/// <summary>
/// What Knowledge keeps of a member to sign their articles, from Members' facts: the name they go
/// by and their organisation. A forgotten member keeps only the mark, so that a late profile fact
/// cannot bring their name back.
/// </summary>
public sealed class ArticleAuthor
{
    private ArticleAuthor()
    {
    }

    public Guid MemberId { get; private set; }
    public string? DisplayName { get; private set; }
    public Guid? OrganisationId { get; private set; }
    public bool Forgotten { get; private set; }

    public static ArticleAuthor Unknown(Guid memberId) => new() { MemberId = memberId };

    public void Named(string displayName, Guid? organisationId)
    {
        if (Forgotten)
        {
            return;
        }
        DisplayName = displayName;
        OrganisationId = organisationId ?? OrganisationId;
    }

    public void Forget()
    {
        Forgotten = true;
        DisplayName = null;
        OrganisationId = null;
    }
}

namespace CircularPlatform.Knowledge.Model;

public enum ArticleStatus
{
    Draft,
    Submitted,
    Published,
    Rejected,
}

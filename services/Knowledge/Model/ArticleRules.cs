namespace CircularPlatform.Knowledge.Model;

public static class ArticleRules
{
    public const int TitleMaxLength = 200;
    public const int SummaryMaxLength = 1_000;
    public const int BodyMaxLength = 100_000;
    public const int MaxThemes = 9;
    public const int MaxTags = 20;
    public const int TagMaxLength = 50;
    public const int EligibilityMaxLength = 2_000;
    public const int UrlMaxLength = 2_000;
    public const int CommentMaxLength = 2_000;
}

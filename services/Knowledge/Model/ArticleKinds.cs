namespace CircularPlatform.Knowledge.Model;

/// <summary>What members share with the club.</summary>
public static class ArticleKinds
{
    public const string BestPractice = "best-practice";
    public const string Feedback = "feedback";
    public const string CaseStudy = "case-study";
    public const string Guide = "guide";
    /// <summary>A support or funding programme: who may apply, by when, and where.</summary>
    public const string Programme = "programme";

    public static IReadOnlyList<string> All { get; } = [BestPractice, Feedback, CaseStudy, Guide, Programme];
}

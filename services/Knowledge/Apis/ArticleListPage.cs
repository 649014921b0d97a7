namespace CircularPlatform.Knowledge.Apis;

/// <summary>
/// A page of the knowledge base's list: the shape of every list (items, page, pageSize, total),
/// with <c>totalExact</c>. The articles are counted up to <see cref="CountedUpTo"/> (or to the
/// page asked for, when it lies further): beyond, <c>total</c> is that many and
/// <c>totalExact</c> false, "more than 100". Counting every match of a common word was most
/// of a search's cost, for a number no reader pages through.
/// </summary>
public sealed record ArticleListPage(IReadOnlyList<ArticleSummaryResponse> Items, int Page, int PageSize, int Total, bool TotalExact)
{
    public const int CountedUpTo = 100;
}

using Microsoft.EntityFrameworkCore;

namespace CircularPlatform.ServiceDefaults.Http;

/// <summary>The one page shape every list of the public API answers with.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

/// <summary>The <c>?page=&amp;pageSize=</c> query every list accepts.</summary>
public readonly record struct PageQuery(int? Page, int? PageSize)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 200;

    /// <summary>
    /// Far beyond any list of the club, and small enough that the rows to skip, page × size,
    /// always fit the database's integers (an unbounded page overflowed into a 500 or page 1).
    /// </summary>
    public const int MaxPage = 1_000_000;

    public int Number => Page ?? 1;
    public int Size => PageSize ?? DefaultPageSize;

    public void Validate(ValidationErrors errors)
    {
        if (Number is < 1 or > MaxPage)
        {
            errors.Add("page", $"Must be between 1 and {MaxPage}.");
        }
        if (Size is < 1 or > MaxPageSize)
        {
            errors.Add("pageSize", $"Must be between 1 and {MaxPageSize}.");
        }
    }
}

public static class PagingExtensions
{
    public static async Task<Paged<TItem>> ToPageAsync<TEntity, TItem>(
        this IQueryable<TEntity> ordered, PageQuery query, Func<TEntity, TItem> project, CancellationToken cancellationToken)
    {
        var (items, total) = await PageOfAsync(ordered, query, cancellationToken);
        return new Paged<TItem>(items.Select(project).ToList(), query.Number, query.Size, total);
    }

    /// <summary>
    /// A page of what the query already selects. With a <c>Select</c> into the answer's shape the
    /// database reads only the columns the answer shows and no entity is built; EF Core leaves the
    /// projection out of the count.
    /// </summary>
    public static async Task<Paged<TItem>> ToPageAsync<TItem>(
        this IQueryable<TItem> ordered, PageQuery query, CancellationToken cancellationToken)
    {
        var (items, total) = await PageOfAsync(ordered, query, cancellationToken);
        return new Paged<TItem>(items, query.Number, query.Size, total);
    }

    private static async Task<(List<T> Items, int Total)> PageOfAsync<T>(IQueryable<T> ordered, PageQuery query, CancellationToken cancellationToken)
    {
        if (query.Number is < 1 or > PageQuery.MaxPage || query.Size is < 1 or > PageQuery.MaxPageSize)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query, "The page was not validated (PageQuery.Validate).");
        }
        var total = await ordered.CountAsync(cancellationToken);
        var items = await ordered.Skip((query.Number - 1) * query.Size).Take(query.Size).ToListAsync(cancellationToken);
        return (items, total);
    }
}

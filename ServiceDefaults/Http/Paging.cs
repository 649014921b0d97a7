using Microsoft.EntityFrameworkCore;

namespace CircularPlatform.ServiceDefaults.Http;

/// <summary>The one page shape every list of the public API answers with.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

/// <summary>The <c>?page=&amp;pageSize=</c> query every list accepts.</summary>
public readonly record struct PageQuery(int? Page, int? PageSize)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 200;

    public int Number => Page ?? 1;
    public int Size => PageSize ?? DefaultPageSize;

    public void Validate(ValidationErrors errors)
    {
        if (Number < 1)
        {
            errors.Add("page", "Must be 1 or more.");
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
        var total = await ordered.CountAsync(cancellationToken);
        var entities = await ordered.Skip((query.Number - 1) * query.Size).Take(query.Size).ToListAsync(cancellationToken);
        return new Paged<TItem>(entities.Select(project).ToList(), query.Number, query.Size, total);
    }
}

namespace CircularPlatform.Contracts.IntegrationEvents;

public sealed record ArticlePublished : IntegrationEvent
{
    public required Guid ArticleId { get; init; }
    public required BilingualText Title { get; init; }
    public required string Kind { get; init; }
    public IReadOnlyList<string> Themes { get; init; } = [];
    public Guid? AuthorId { get; init; }
}

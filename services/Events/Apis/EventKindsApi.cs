using CircularPlatform.Contracts;

namespace CircularPlatform.Events.Apis;

/// <summary>
/// <c>GET /api/events/kinds</c>: the kinds an event can have, with their names in both languages,
/// for the portal's forms and filters. Reference data known at build time, so it is answered from
/// memory and never touches the database.
/// </summary>
public static class EventKindsApi
{
    public sealed record EventKindResponse(string Kind, BilingualText Name);

    private static readonly IReadOnlyDictionary<string, BilingualText> Names = new Dictionary<string, BilingualText>
    {
        [EventKinds.Conference] = new() { Fr = "Conférence", En = "Conference" },
        [EventKinds.RoundTable] = new() { Fr = "Table ronde", En = "Round table" },
        [EventKinds.ProjectPresentation] = new() { Fr = "Présentation de projet", En = "Project presentation" },
        [EventKinds.SiteVisit] = new() { Fr = "Visite de site", En = "Site visit" },
        [EventKinds.Workshop] = new() { Fr = "Atelier", En = "Workshop" },
    };

    /// <summary>In the order of <see cref="EventKinds.All"/>; a kind without a name here fails at start, not in a form.</summary>
    public static IReadOnlyList<EventKindResponse> All { get; } =
        [.. EventKinds.All.Select(kind => new EventKindResponse(kind, Names[kind]))];

    public static IEndpointRouteBuilder MapEventKindsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/events/kinds", () => TypedResults.Ok(All))
            .WithTags("Events")
            .WithName("ListEventKinds")
            .WithSummary("The kinds of events the club runs, named in French and English.");
        return app;
    }
}

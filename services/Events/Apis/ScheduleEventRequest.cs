using CircularPlatform.Contracts;
using CircularPlatform.Events.Model;
using CircularPlatform.ServiceDefaults.Http;

namespace CircularPlatform.Events.Apis;

/// <summary>
/// Every field is optional at the JSON level so that a missing one is reported by name with the
/// other problems, rather than failing the whole body.
/// </summary>
public sealed record ScheduleEventRequest(
    BilingualTextRequest? Title,
    BilingualTextRequest? Description,
    string? Kind,
    IReadOnlyList<string>? Themes,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    string? Municipality,
    string? Venue,
    int? Capacity)
{
    public EventDetails? Validate(ValidationErrors errors)
    {
        var titleFr = Title?.Fr?.Trim();
        if (string.IsNullOrEmpty(titleFr))
        {
            errors.Add("title.fr", "The French title is required.");
        }
        CheckLength(errors, "title.fr", titleFr, EventRules.TitleMaxLength);
        CheckLength(errors, "title.en", Title?.En, EventRules.TitleMaxLength);
        CheckLength(errors, "description.fr", Description?.Fr, EventRules.DescriptionMaxLength);
        CheckLength(errors, "description.en", Description?.En, EventRules.DescriptionMaxLength);

        if (string.IsNullOrWhiteSpace(Kind))
        {
            errors.Add("kind", $"The kind is required: one of {string.Join(", ", EventKinds.All)}.");
        }
        else if (!EventKinds.All.Contains(Kind))
        {
            errors.Add("kind", $"'{Kind}' is not a kind of event: use one of {string.Join(", ", EventKinds.All)}.");
        }

        var themes = ValidateThemes(errors);

        if (StartsAt is null)
        {
            errors.Add("startsAt", "The start is required, with its offset (e.g. 2026-12-03T09:00:00+01:00).");
        }
        if (EndsAt is null)
        {
            errors.Add("endsAt", "The end is required, with its offset (e.g. 2026-12-03T12:00:00+01:00).");
        }
        if (StartsAt is { } start && EndsAt is { } end)
        {
            if (end <= start)
            {
                errors.Add("endsAt", "The end must come after the start.");
            }
            else if (end - start > EventRules.MaxDuration)
            {
                errors.Add("endsAt", $"An event lasts at most {EventRules.MaxDuration.TotalDays} days.");
            }
        }

        string? municipality = null;
        if (!string.IsNullOrWhiteSpace(Municipality) && !Municipalities.TryFind(Municipality, out municipality))
        {
            errors.Add("municipality", $"'{Municipality}' is not one of the 36 municipalities of Lens-Liévin; give a venue instead for an event outside the territory.");
        }
        var venue = string.IsNullOrWhiteSpace(Venue) ? null : Venue.Trim();
        CheckLength(errors, "venue", venue, EventRules.VenueMaxLength);
        if (string.IsNullOrWhiteSpace(Municipality) && venue is null)
        {
            errors.Add("municipality", "Give the municipality where the event takes place, or a venue.");
        }

        if (Capacity is < 1 or > EventRules.MaxCapacity)
        {
            errors.Add("capacity", $"The capacity must be between 1 and {EventRules.MaxCapacity}, or left out for no limit.");
        }

        if (errors.Any)
        {
            return null;
        }
        return new EventDetails(
            titleFr!, Blank(Title?.En), Blank(Description?.Fr), Blank(Description?.En), Kind!, themes,
            StartsAt!.Value.UtcDateTime, EndsAt!.Value.UtcDateTime, municipality, venue, Capacity);
    }

    private List<string> ValidateThemes(ValidationErrors errors)
    {
        if (Themes is null || Themes.Count == 0)
        {
            errors.Add("themes", "At least one of the club's themes is required.");
            return [];
        }
        if (Themes.Count > EventRules.MaxThemes)
        {
            errors.Add("themes", $"At most {EventRules.MaxThemes} themes.");
        }
        return Contracts.Themes.Resolve(Themes, (i, slug) => errors.Add($"themes[{i}]", Contracts.Themes.UnknownReason(slug)));
    }

    private static void CheckLength(ValidationErrors errors, string field, string? value, int max)
    {
        if (value is not null && value.Length > max)
        {
            errors.Add(field, $"At most {max} characters.");
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

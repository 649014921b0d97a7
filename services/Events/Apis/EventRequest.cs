using CircularPlatform.Contracts;
using CircularPlatform.Events.Model;
using CircularPlatform.ServiceDefaults.Http;

namespace CircularPlatform.Events.Apis;

/// <summary>
/// An event as an organiser writes it, for <c>POST /api/events</c> and <c>PUT /api/events/{id}</c>.
/// Every field is optional at the JSON level so that a missing one is reported by name with the
/// other problems, rather than failing the whole body. Times are text: with an offset they are that
/// instant, without one they are Paris wall-clock time (see <see cref="ParisTime.TryParse"/>).
/// </summary>
public sealed record EventRequest(
    BilingualTextRequest? Title,
    BilingualTextRequest? Description,
    string? Kind,
    IReadOnlyList<string>? Themes,
    string? StartsAt,
    string? EndsAt,
    string? Municipality,
    string? Venue,
    string? Address,
    string? OnlineUrl,
    int? Capacity,
    string? RegistrationOpensAt,
    string? RegistrationClosesAt,
    IReadOnlyList<EventPersonRequest?>? Organisers,
    IReadOnlyList<EventPersonRequest?>? Speakers,
    IReadOnlyList<AgendaItemRequest?>? Agenda,
    PracticalInformationRequest? Practical,
    bool? Draft = null)
{
    public EventDetails? Validate(ValidationErrors errors)
    {
        var titleFr = Blank(Title?.Fr);
        if (titleFr is null)
        {
            errors.Add("title.fr", "The French title is required.");
        }
        CheckLength(errors, "title.fr", titleFr, EventRules.TitleMaxLength);
        CheckLength(errors, "title.en", Title?.En, EventRules.TitleMaxLength);
        CheckLength(errors, "description.fr", Description?.Fr, EventRules.DescriptionMaxLength);
        CheckLength(errors, "description.en", Description?.En, EventRules.DescriptionMaxLength);
        if (Blank(Description?.Fr) is null && Blank(Description?.En) is not null)
        {
            errors.Add("description.fr", "French is the club's language: give the French description with the English one.");
        }

        if (string.IsNullOrWhiteSpace(Kind))
        {
            errors.Add("kind", $"The kind is required: one of {string.Join(", ", EventKinds.All)}.");
        }
        else if (!EventKinds.All.Contains(Kind))
        {
            errors.Add("kind", $"'{Kind}' is not a kind of event: use one of {string.Join(", ", EventKinds.All)}.");
        }

        var themes = ValidateThemes(errors);
        var start = Time(errors, "startsAt", StartsAt, required: true);
        var end = Time(errors, "endsAt", EndsAt, required: true);
        if (start is { } s && end is { } e)
        {
            if (e <= s)
            {
                errors.Add("endsAt", "The end must come after the start.");
            }
            else if (e - s > EventRules.MaxDuration)
            {
                errors.Add("endsAt", $"An event lasts at most {EventRules.MaxDuration.TotalDays} days.");
            }
        }

        var place = ValidatePlace(errors);

        if (Capacity is < 1 or > EventRules.MaxCapacity)
        {
            errors.Add("capacity", $"The capacity must be between 1 and {EventRules.MaxCapacity}, or left out for no limit.");
        }

        var opens = Time(errors, "registrationOpensAt", RegistrationOpensAt, required: false);
        var closes = Time(errors, "registrationClosesAt", RegistrationClosesAt, required: false);
        if (opens is { } o && closes is { } c && c <= o)
        {
            errors.Add("registrationClosesAt", "Registration must close after it opens.");
        }
        if (closes is { } deadline && end is { } ending && deadline > ending)
        {
            errors.Add("registrationClosesAt", "Registration must close by the end of the event.");
        }
        if (opens is { } opening && start is { } starting && opening >= starting)
        {
            errors.Add("registrationOpensAt", "Registration must open before the event starts.");
        }

        var organisers = People(errors, "organisers", Organisers);
        var speakers = People(errors, "speakers", Speakers);
        var agenda = ValidateAgenda(errors, start, end);
        var practical = Practical?.Validate(errors);

        if (errors.Any)
        {
            return null;
        }
        return new EventDetails
        {
            TitleFr = titleFr!,
            TitleEn = Blank(Title?.En),
            DescriptionFr = Blank(Description?.Fr),
            DescriptionEn = Blank(Description?.En),
            Kind = Kind!,
            Themes = themes,
            StartsAt = start!.Value,
            EndsAt = end!.Value,
            Place = place,
            Capacity = Capacity,
            RegistrationOpensAt = opens,
            RegistrationClosesAt = closes,
            Organisers = organisers,
            Speakers = speakers,
            Agenda = agenda,
            Practical = practical,
        };
    }

    private EventPlace ValidatePlace(ValidationErrors errors)
    {
        string? municipality = null;
        if (!string.IsNullOrWhiteSpace(Municipality) && !Municipalities.TryFind(Municipality, out municipality))
        {
            errors.Add("municipality", $"'{Municipality}' is not one of the 36 municipalities of Lens-Liévin; give a venue instead for an event outside the territory.");
        }
        var venue = Blank(Venue);
        CheckLength(errors, "venue", venue, EventRules.VenueMaxLength);
        var address = Blank(Address);
        CheckLength(errors, "address", address, EventRules.AddressMaxLength);
        if (address is not null && venue is null && string.IsNullOrWhiteSpace(Municipality))
        {
            errors.Add("venue", "Name the venue of this address.");
        }

        var online = Blank(OnlineUrl);
        if (online is not null)
        {
            if (online.Length > EventRules.UrlMaxLength)
            {
                errors.Add("onlineUrl", $"At most {EventRules.UrlMaxLength} characters.");
            }
            else if (!Uri.TryCreate(online, UriKind.Absolute, out var link) || link.Scheme != Uri.UriSchemeHttps || string.IsNullOrEmpty(link.Host))
            {
                errors.Add("onlineUrl", "The online link must be a full https:// address (https://visio.example.org/…).");
            }
        }
        if (string.IsNullOrWhiteSpace(Municipality) && venue is null && online is null)
        {
            errors.Add("municipality", "Say where the event takes place: its municipality or venue, its online link, or both for a hybrid event.");
        }
        return new EventPlace { Venue = venue, Address = address, Municipality = municipality, OnlineUrl = online };
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

    private static List<EventPerson> People(ValidationErrors errors, string field, IReadOnlyList<EventPersonRequest?>? people)
    {
        if (people is null)
        {
            return [];
        }
        if (people.Count > EventRules.MaxPeople)
        {
            errors.Add(field, $"At most {EventRules.MaxPeople}.");
            return [];
        }
        var valid = new List<EventPerson>(people.Count);
        for (var i = 0; i < people.Count; i++)
        {
            var at = $"{field}[{i}]";
            var person = people[i];
            var name = Blank(person?.Name);
            if (name is null)
            {
                errors.Add($"{at}.name", "The name is required.");
                continue;
            }
            CheckLength(errors, $"{at}.name", name, EventRules.NameMaxLength);
            CheckLength(errors, $"{at}.organisation", person!.Organisation, EventRules.NameMaxLength);
            CheckLength(errors, $"{at}.role", person.Role, EventRules.NameMaxLength);
            valid.Add(new EventPerson { Name = name, Organisation = Blank(person.Organisation), Role = Blank(person.Role) });
        }
        return valid;
    }

    private List<AgendaItem> ValidateAgenda(ValidationErrors errors, DateTime? start, DateTime? end)
    {
        if (Agenda is null)
        {
            return [];
        }
        if (Agenda.Count > EventRules.MaxAgendaItems)
        {
            errors.Add("agenda", $"At most {EventRules.MaxAgendaItems} items.");
            return [];
        }
        var items = new List<AgendaItem>(Agenda.Count);
        for (var i = 0; i < Agenda.Count; i++)
        {
            var at = $"agenda[{i}]";
            var item = Agenda[i];
            var time = Time(errors, $"{at}.startsAt", item?.StartsAt, required: true);
            if (time is { } t && start is { } s && end is { } e && (t < s || t >= e))
            {
                errors.Add($"{at}.startsAt", "Must fall within the event.");
            }
            var title = Blank(item?.Title?.Fr);
            if (title is null)
            {
                errors.Add($"{at}.title.fr", "The French title is required.");
            }
            CheckLength(errors, $"{at}.title.fr", title, EventRules.TitleMaxLength);
            CheckLength(errors, $"{at}.title.en", item?.Title?.En, EventRules.TitleMaxLength);
            CheckLength(errors, $"{at}.speaker", item?.Speaker, EventRules.NameMaxLength);
            if (time is { } valid && title is not null)
            {
                items.Add(new AgendaItem { StartsAt = valid, TitleFr = title, TitleEn = Blank(item!.Title!.En), Speaker = Blank(item.Speaker) });
            }
        }
        return [.. items.OrderBy(item => item.StartsAt)];
    }

    internal static DateTime? Time(ValidationErrors errors, string field, string? text, bool required)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                errors.Add(field, "Required: a date and time such as 2027-03-04T09:00 (Paris time) or 2027-03-04T09:00:00+01:00.");
            }
            return null;
        }
        if (!ParisTime.TryParse(text, out var utc, out var problem))
        {
            errors.Add(field, problem!);
            return null;
        }
        return utc;
    }

    internal static void CheckLength(ValidationErrors errors, string field, string? value, int max)
    {
        if (value is not null && value.Length > max)
        {
            errors.Add(field, $"At most {max} characters.");
        }
    }

    internal static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

public sealed record EventPersonRequest(string? Name, string? Organisation, string? Role);

public sealed record AgendaItemRequest(string? StartsAt, BilingualTextRequest? Title, string? Speaker);

public sealed record PracticalInformationRequest(
    BilingualTextRequest? ProtectiveEquipment, BilingualTextRequest? Accessibility, BilingualTextRequest? Notes)
{
    public PracticalInformation? Validate(ValidationErrors errors)
    {
        Check(errors, "practical.protectiveEquipment", ProtectiveEquipment);
        Check(errors, "practical.accessibility", Accessibility);
        Check(errors, "practical.notes", Notes);
        var practical = new PracticalInformation
        {
            ProtectiveEquipmentFr = EventRequest.Blank(ProtectiveEquipment?.Fr),
            ProtectiveEquipmentEn = EventRequest.Blank(ProtectiveEquipment?.En),
            AccessibilityFr = EventRequest.Blank(Accessibility?.Fr),
            AccessibilityEn = EventRequest.Blank(Accessibility?.En),
            NotesFr = EventRequest.Blank(Notes?.Fr),
            NotesEn = EventRequest.Blank(Notes?.En),
        };
        return practical is { ProtectiveEquipmentFr: null, AccessibilityFr: null, NotesFr: null } ? null : practical;
    }

    private static void Check(ValidationErrors errors, string field, BilingualTextRequest? text)
    {
        EventRequest.CheckLength(errors, field + ".fr", text?.Fr, EventRules.PracticalMaxLength);
        EventRequest.CheckLength(errors, field + ".en", text?.En, EventRules.PracticalMaxLength);
        if (EventRequest.Blank(text?.Fr) is null && EventRequest.Blank(text?.En) is not null)
        {
            errors.Add(field + ".fr", "Give the French text with the English one.");
        }
    }
}

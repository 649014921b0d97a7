using System.Globalization;
using CircularPlatform.Events.Model;
using CircularPlatform.ServiceDefaults.Http;
using CsvHelper;

namespace CircularPlatform.Events.Apis;

/// <summary>
/// An event's list as organisers open it in a spreadsheet: RFC 4180, UTF-8 with a byte order mark
/// (without it Excel reads the accents of names as Latin-1), headings and statuses in the reader's
/// language, times in Paris time, and any name that begins like a formula written as text.
/// </summary>
public static class AttendeeCsv
{
    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        Injection = CsvInjection.Escape,
        WriteByteOrderMark = true,
    };

    private static readonly string[] FrenchHeadings =
        ["Nom", "Email", "Statut", "Position en liste d'attente", "Inscrit le", "Confirmé le", "Annulé le", "Motif d'annulation", "Présent à"];

    private static readonly string[] EnglishHeadings =
        ["Name", "Email", "Status", "Waitlist position", "Registered at", "Confirmed at", "Cancelled at", "Cancellation cause", "Checked in at"];

    public static async Task WriteAsync(Stream body, IAsyncEnumerable<AttendeeResponse> attendees, string language, CancellationToken cancellationToken)
    {
        var english = language == ReaderLanguage.English;
        await using var csv = CsvWriter.Create(body, Options, leaveOpen: true);
        await csv.WriteRecordAsync(english ? EnglishHeadings : FrenchHeadings, cancellationToken);
        await foreach (var a in attendees.WithCancellation(cancellationToken))
        {
            await csv.WriteRecordAsync(
            [
                a.DisplayName,
                a.Email,
                Status(a.Status, english),
                a.Position?.ToString(CultureInfo.InvariantCulture),
                Time(a.RegisteredAt),
                Time(a.ConfirmedAt),
                Time(a.CancelledAt),
                a.CancelledBecause is { } cause ? Cause(cause, english) : null,
                Time(a.CheckedInAt),
            ], cancellationToken);
        }
    }

    private static string? Time(DateTimeOffset? at) => at?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Status(RegistrationStatus status, bool english) => (status, english) switch
    {
        (RegistrationStatus.Confirmed, false) => "confirmé",
        (RegistrationStatus.Waitlisted, false) => "liste d'attente",
        (RegistrationStatus.Cancelled, false) => "annulé",
        (RegistrationStatus.Confirmed, true) => "confirmed",
        (RegistrationStatus.Waitlisted, true) => "waitlisted",
        _ => "cancelled",
    };

    private static string Cause(CancellationCause cause, bool english) => (cause, english) switch
    {
        (CancellationCause.Member, false) => "par le membre",
        (CancellationCause.EventCancelled, false) => "événement annulé",
        (CancellationCause.MemberLeft, false) => "a quitté le club",
        (CancellationCause.Member, true) => "by the member",
        (CancellationCause.EventCancelled, true) => "event cancelled",
        _ => "left the club",
    };
}

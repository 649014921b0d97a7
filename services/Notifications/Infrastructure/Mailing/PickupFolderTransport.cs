using MimeKit;
using MimeKit.IO;

namespace CircularPlatform.Notifications.Infrastructure.Mailing;

/// <summary>
/// Writes each email as an .eml file (RFC 5322, CRLF line ends) named after the mail's id, so that a
/// local run shows real messages any mail client opens, and a second try after a crash rewrites the
/// same file instead of making a second one. A file appears whole: it is written aside, then moved.
/// </summary>
public sealed class PickupFolderTransport(string folder) : IMailTransport, IMailDrop
{
    private static readonly FormatOptions Format = CreateFormat();

    public string Folder { get; } = Directory.CreateDirectory(folder).FullName;

    public Task<IMailDrop> OpenAsync(CancellationToken cancellationToken) => Task.FromResult<IMailDrop>(this);

    public async Task DeliverAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var name = Path.Combine(Folder, FileName(message));
        var aside = name + ".part";
        // A message is a few kilobytes: written at once from the buffer (asynchronous file writes
        // on Linux only add a hop through the thread pool for each).
        await using (var file = new FileStream(aside, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: false))
        {
            await message.WriteToAsync(Format, file, cancellationToken);
        }
        File.Move(aside, name, overwrite: true);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>The Message-Id's local part: the mail's id.</summary>
    private static string FileName(MimeMessage message) =>
        (message.MessageId?.Split('@')[0] is { Length: > 0 } id ? string.Concat(id.Split(Path.GetInvalidFileNameChars())) : Guid.NewGuid().ToString("N")) + ".eml";

    private static FormatOptions CreateFormat()
    {
        // MimeKit writes the platform's line ends (LF here) unless told; mail is CRLF.
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        return format;
    }
}

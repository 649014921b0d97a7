namespace CircularPlatform.Knowledge.Infrastructure.Attachments;

/// <summary>Section <c>Knowledge:Attachments</c>: where the files of articles are kept, and how many and how large they may be.</summary>
public sealed class AttachmentOptions
{
    public const string Section = "Knowledge:Attachments";

    /// <summary>
    /// The folder of the files (the AppHost gives the data folder's <c>attachments/</c>); every
    /// replica must see the same one. Unset: <c>attachments/</c> beside the service's database.
    /// </summary>
    public string? Folder { get; set; }

    /// <summary>The largest file accepted; 10 MB holds a report or a set of photos of a site visit.</summary>
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    public int MaxPerArticle { get; set; } = 10;
}

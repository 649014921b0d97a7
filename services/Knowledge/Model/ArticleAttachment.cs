namespace CircularPlatform.Knowledge.Model;

/// <summary>
/// A file shared with an article — a report, the slides of a presentation, photos of a site: its
/// name as uploaded, its type as read from its bytes, its size and SHA-256. The bytes are kept
/// on disk (see the service's attachment store), under <see cref="Id"/>.
/// </summary>
public sealed class ArticleAttachment
{
    private ArticleAttachment()
    {
    }

    public Guid Id { get; private set; }
    public Guid ArticleId { get; private set; }
    public string FileName { get; private set; } = string.Empty;
    public string ContentType { get; private set; } = string.Empty;
    public long Size { get; private set; }
    public string Sha256 { get; private set; } = string.Empty;
    public Guid? UploadedBy { get; private set; }
    public DateTime UploadedAt { get; private set; }

    public const int FileNameMaxLength = 200;

    public static ArticleAttachment Of(Guid id, Guid articleId, string fileName, string contentType, long size, string sha256, Guid? by, DateTime now) => new()
    {
        Id = id,
        ArticleId = articleId,
        FileName = fileName,
        ContentType = contentType,
        Size = size,
        Sha256 = sha256,
        UploadedBy = by,
        UploadedAt = now,
    };

    /// <summary>
    /// A name safe to show and to offer for saving: no folders, no control characters, not
    /// empty, not too long (the extension kept), ending with the extension of what the file is.
    /// </summary>
    public static string SafeName(string? uploaded, string extension)
    {
        var name = Path.GetFileName((uploaded ?? "").Replace('\\', '/'));
        name = new string([.. name.Where(c => !char.IsControl(c) && c is not ('"' or '/' or ':' or '*' or '?' or '<' or '>' or '|'))]).Trim().Trim('.');
        var stem = Path.GetFileNameWithoutExtension(name);
        if (string.IsNullOrWhiteSpace(stem))
        {
            stem = "piece-jointe";
        }
        if (stem.Length > FileNameMaxLength - extension.Length)
        {
            stem = stem[..(FileNameMaxLength - extension.Length)];
        }
        return stem + extension;
    }

    public void Forget(Guid member)
    {
        if (UploadedBy == member)
        {
            UploadedBy = null;
        }
    }
}

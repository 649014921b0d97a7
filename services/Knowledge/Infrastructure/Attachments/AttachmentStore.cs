using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace CircularPlatform.Knowledge.Infrastructure.Attachments;

/// <summary>
/// The files of articles on disk: <c>&lt;folder&gt;/&lt;article&gt;/&lt;attachment&gt;</c>, named by ids only, so
/// nothing an uploader chose reaches a path. A file is written whole under <c>incoming/</c> first,
/// counted and hashed as it comes, and moved into place only once it is accepted and recorded.
/// </summary>
public sealed class AttachmentStore
{
    private readonly string _folder;

    public AttachmentStore(IOptions<AttachmentOptions> options, IHostEnvironment environment)
    {
        _folder = Path.GetFullPath(options.Value.Folder is { Length: > 0 } folder
            ? folder
            : Path.Combine(environment.ContentRootPath, "attachments"));
        Directory.CreateDirectory(Path.Combine(_folder, "incoming"));
    }

    public string Folder => _folder;

    /// <summary>An uploaded file as received: where it waits, how large it is, its SHA-256; null when it exceeded <paramref name="maxBytes"/>.</summary>
    public async Task<Incoming?> ReceiveAsync(Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        var path = Path.Combine(_folder, "incoming", Guid.NewGuid().ToString("N"));
        var buffer = new byte[81920];
        long size = 0;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        try
        {
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, useAsync: true))
            {
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    size += read;
                    if (size > maxBytes)
                    {
                        File.Delete(path);
                        return null;
                    }
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }
            return new Incoming(this, path, size, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    public FileStream? Open(Guid articleId, Guid attachmentId)
    {
        var path = PathOf(articleId, attachmentId);
        return File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, useAsync: true) : null;
    }

    public void Delete(Guid articleId, Guid attachmentId) => File.Delete(PathOf(articleId, attachmentId));

    /// <summary>Every file of an article that is gone.</summary>
    public void DeleteArticle(Guid articleId)
    {
        var folder = Path.Combine(_folder, articleId.ToString("N"));
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private string PathOf(Guid articleId, Guid attachmentId) =>
        Path.Combine(_folder, articleId.ToString("N"), attachmentId.ToString("N"));

    /// <summary>A received file; disposed without <see cref="Keep"/>, it is deleted.</summary>
    public sealed class Incoming(AttachmentStore store, string path, long size, string sha256) : IDisposable
    {
        private bool _kept;

        public string Path => path;
        public long Size => size;
        public string Sha256 => sha256;

        public void Keep(Guid articleId, Guid attachmentId)
        {
            var target = store.PathOf(articleId, attachmentId);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Move(path, target);
            _kept = true;
        }

        public void Dispose()
        {
            if (!_kept)
            {
                File.Delete(path);
            }
        }
    }
}

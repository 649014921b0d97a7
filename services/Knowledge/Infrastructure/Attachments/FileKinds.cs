using System.IO.Compression;

namespace CircularPlatform.Knowledge.Infrastructure.Attachments;

/// <summary>A kind of file the club shares with its articles: the type it is served as, and the extension it is saved under.</summary>
public sealed record FileKind(string ContentType, string Extension);

/// <summary>
/// What a file is, from its bytes — never from its name or the type the uploader claimed, which
/// anyone can set: documents (PDF, Word, Excel, PowerPoint, OpenDocument), pictures (PNG, JPEG,
/// GIF, WebP) and CSV tables. Anything else is refused. See ADR 0020 for why this is ours.
/// </summary>
public static class FileKinds
{
    public static readonly FileKind Pdf = new("application/pdf", ".pdf");
    public static readonly FileKind Png = new("image/png", ".png");
    public static readonly FileKind Jpeg = new("image/jpeg", ".jpg");
    public static readonly FileKind Gif = new("image/gif", ".gif");
    public static readonly FileKind WebP = new("image/webp", ".webp");
    public static readonly FileKind Docx = new("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx");
    public static readonly FileKind Xlsx = new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx");
    public static readonly FileKind Pptx = new("application/vnd.openxmlformats-officedocument.presentationml.presentation", ".pptx");
    public static readonly FileKind Odt = new("application/vnd.oasis.opendocument.text", ".odt");
    public static readonly FileKind Ods = new("application/vnd.oasis.opendocument.spreadsheet", ".ods");
    public static readonly FileKind Odp = new("application/vnd.oasis.opendocument.presentation", ".odp");
    public static readonly FileKind Csv = new("text/csv", ".csv");

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static ReadOnlySpan<byte> JpegSignature => [0xFF, 0xD8, 0xFF];

    /// <summary>What the refusal tells the uploader they may send.</summary>
    public const string Accepted = "PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG, GIF, WebP or CSV";

    /// <summary>The kind of the file at <paramref name="path"/>, or null when it is none the club accepts.</summary>
    public static FileKind? Detect(string path, string? fileName)
    {
        using var file = File.OpenRead(path);
        Span<byte> head = stackalloc byte[16];
        var read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..read];
        if (head.StartsWith("%PDF-"u8))
        {
            return Pdf;
        }
        if (head.StartsWith(PngSignature))
        {
            return Png;
        }
        if (head.StartsWith(JpegSignature))
        {
            return Jpeg;
        }
        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
        {
            return Gif;
        }
        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return WebP;
        }
        if (head.StartsWith("PK\u0003\u0004"u8))
        {
            file.Position = 0;
            return OfficeDocument(file);
        }
        file.Position = 0;
        return Path.GetExtension(fileName ?? "").Equals(".csv", StringComparison.OrdinalIgnoreCase) && IsText(file) ? Csv : null;
    }

    /// <summary>
    /// A ZIP is a Word, Excel or PowerPoint document when it holds that format's main part, an
    /// OpenDocument when its first entry says so; any other archive is refused.
    /// </summary>
    private static FileKind? OfficeDocument(Stream file)
    {
        try
        {
            using var zip = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.GetEntry("[Content_Types].xml") is not null)
            {
                return zip.GetEntry("word/document.xml") is not null ? Docx
                    : zip.GetEntry("xl/workbook.xml") is not null ? Xlsx
                    : zip.GetEntry("ppt/presentation.xml") is not null ? Pptx
                    : null;
            }
            if (zip.GetEntry("mimetype") is { Length: < 100 } mimetype)
            {
                using var reader = new StreamReader(mimetype.Open());
                return reader.ReadToEnd().Trim() switch
                {
                    "application/vnd.oasis.opendocument.text" => Odt,
                    "application/vnd.oasis.opendocument.spreadsheet" => Ods,
                    "application/vnd.oasis.opendocument.presentation" => Odp,
                    _ => null,
                };
            }
            return null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>UTF-8 text without control characters other than tabs and line ends: a table, not a program.</summary>
    private static bool IsText(Stream file)
    {
        var buffer = new byte[64 * 1024];
        var decoder = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetDecoder();
        var chars = new char[buffer.Length + 4];
        int read;
        var any = false;
        try
        {
            while ((read = file.Read(buffer)) > 0)
            {
                any = true;
                var count = decoder.GetChars(buffer, 0, read, chars, 0, flush: false);
                foreach (var c in chars.AsSpan(0, count))
                {
                    if (char.IsControl(c) && c is not ('\t' or '\r' or '\n'))
                    {
                        return false;
                    }
                }
            }
            return any;
        }
        catch (System.Text.DecoderFallbackException)
        {
            return false;
        }
    }
}

using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CircularPlatform.Knowledge.Tests;

/// <summary>Files shared with articles: who adds them, what is accepted (read from the bytes), how large, how they are served.</summary>
public abstract partial class ArticlesApiTests
{
    /// <summary>The largest file of these tests' service (the default is 10 MB).</summary>
    private const long MaxFileBytes = 256 * 1024;

    private static readonly byte[] PdfBytes = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
    private static readonly byte[] PngBytes = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    [Fact]
    public async Task The_author_adds_a_report_that_readers_of_the_published_article_download_as_it_was_sent()
    {
        var (id, _) = await Draft(Composting);

        var added = await Upload(_author, id, PdfBytes, "../../rapport final?.pdf", "text/html");

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var file = await added.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("application/pdf", file.GetProperty("contentType").GetString());
        Assert.Equal("rapport final.pdf", file.GetProperty("fileName").GetString());
        Assert.Equal(PdfBytes.Length, file.GetProperty("size").GetInt64());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(PdfBytes)), file.GetProperty("sha256").GetString());
        var url = file.GetProperty("url").GetString()!;
        Assert.Equal(url, added.Headers.Location?.OriginalString);
        // On disk under ids only, nothing of the name sent.
        Assert.Single(Directory.GetFiles(FilesFolder, "*", SearchOption.AllDirectories),
            f => f.EndsWith(file.GetProperty("id").GetGuid().ToString("N"), StringComparison.Ordinal));

        // A draft's file is its author's and the organisers' only.
        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _otherMember.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _organiser.GetAsync(url)).StatusCode);

        await Publish(id);
        var article = await Anonymous.GetFromJsonAsync<JsonElement>($"/api/knowledge/articles/{id}");
        Assert.Equal(url, Assert.Single(article.GetProperty("attachments").EnumerateArray()).GetProperty("url").GetString());
        var download = await Anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(PdfBytes, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("rapport final.pdf", download.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("nosniff", Assert.Single(download.Headers.GetValues("X-Content-Type-Options")));
        Assert.StartsWith("sandbox", Assert.Single(download.Headers.GetValues("Content-Security-Policy")));
    }

    [Theory]
    [InlineData("png", "photo du site.txt", "image/png", "photo du site.png")]
    [InlineData("docx", "compte-rendu", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "compte-rendu.docx")]
    [InlineData("xlsx", "tonnages.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "tonnages.xlsx")]
    [InlineData("odt", "notes.odt", "application/vnd.oasis.opendocument.text", "notes.odt")]
    [InlineData("csv", "tonnages.csv", "text/csv", "tonnages.csv")]
    public async Task A_file_is_known_by_its_bytes_and_named_after_what_it_is(string kind, string sentName, string contentType, string keptName)
    {
        var (id, _) = await Draft(Composting);

        var added = await Upload(_author, id, Sample(kind), sentName, "application/octet-stream");

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var file = await added.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(contentType, file.GetProperty("contentType").GetString());
        Assert.Equal(keptName, file.GetProperty("fileName").GetString());
    }

    [Theory]
    [InlineData("html-named-pdf", "rapport.pdf")]
    [InlineData("svg", "logo.png")]
    [InlineData("exe", "outil.pdf")]
    [InlineData("zip", "archive.docx")]
    [InlineData("binary-csv", "tonnages.csv")]
    [InlineData("csv", "tonnages.txt")]
    public async Task A_file_that_is_not_what_the_club_accepts_is_refused_whatever_its_name(string kind, string sentName)
    {
        var (id, _) = await Draft(Composting);

        var refused = await Upload(_author, id, Sample(kind), sentName, "application/pdf");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("file", out _));
        Assert.Empty(Directory.GetFiles(FilesFolder, "*", SearchOption.AllDirectories));
        var article = await _author.GetFromJsonAsync<JsonElement>($"/api/knowledge/articles/{id}");
        Assert.Equal(0, article.GetProperty("attachments").GetArrayLength());
        Assert.Equal("\"1\"", (await _author.GetAsync($"/api/knowledge/articles/{id}")).Headers.ETag?.Tag);
    }

    [Fact]
    public async Task Files_too_large_empty_too_many_or_missing_are_refused_with_the_reason()
    {
        var (id, _) = await Draft(Composting);

        var tooLarge = new byte[MaxFileBytes + 1];
        PdfBytes.CopyTo(tooLarge, 0);
        var large = await Upload(_author, id, tooLarge, "gros.pdf", "application/pdf");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
        Assert.Equal("application/problem+json", large.Content.Headers.ContentType?.MediaType);
        var exact = new byte[MaxFileBytes];
        PdfBytes.CopyTo(exact, 0);
        Assert.Equal(HttpStatusCode.Created, (await Upload(_author, id, exact, "juste.pdf", "application/pdf")).StatusCode);

        Assert.Equal(["file"], (await ValidationErrorsOf(await Upload(_author, id, [], "vide.pdf", "application/pdf"))).Keys);
        var notAForm = await _author.PostAsync($"/api/knowledge/articles/{id}/attachments", Json("{}"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notAForm.StatusCode);
        Assert.Equal("application/problem+json", notAForm.Content.Headers.ContentType?.MediaType);
        using var wrongField = new MultipartFormDataContent { { new ByteArrayContent(PdfBytes), "document", "rapport.pdf" } };
        Assert.Equal(["file"], (await ValidationErrorsOf(await _author.PostAsync($"/api/knowledge/articles/{id}/attachments", wrongField))).Keys);

        Assert.Equal(HttpStatusCode.Created, (await Upload(_author, id, PngBytes, "a.png", "image/png")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Upload(_author, id, PngBytes, "b.png", "image/png")).StatusCode);
        var fourth = await Upload(_author, id, PngBytes, "c.png", "image/png");
        Assert.Contains("at most 3 files", (await ValidationErrorsOf(fourth))["file"][0]);
    }

    [Fact]
    public async Task Only_those_who_may_edit_the_article_change_its_files_and_a_published_one_goes_back_to_review()
    {
        var (id, _) = await Draft(Composting);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Upload(Anonymous, id, PdfBytes, "r.pdf", "application/pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Upload(_otherMember, id, PdfBytes, "r.pdf", "application/pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Upload(_organiser, id, PdfBytes, "r.pdf", "application/pdf")).StatusCode);
        var added = await Upload(_author, id, PdfBytes, "r.pdf", "application/pdf");
        var url = (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!;

        Assert.Equal(HttpStatusCode.OK, (await Post(_author, id, "submit")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Upload(_author, id, PngBytes, "p.png", "image/png")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await _author.DeleteAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Post(_organiser, id, "approve")).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await _otherMember.DeleteAsync(url)).StatusCode);
        var removed = await _author.DeleteAsync(url);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _author.GetAsync(url)).StatusCode);
        Assert.Empty(Directory.GetFiles(FilesFolder, "*", SearchOption.AllDirectories));
        var article = await _author.GetFromJsonAsync<JsonElement>($"/api/knowledge/articles/{id}");
        Assert.Equal("submitted", article.GetProperty("status").GetString());
        Assert.Equal(0, article.GetProperty("attachments").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await _author.DeleteAsync(url)).StatusCode);
    }

    private static async Task<HttpResponseMessage> Upload(HttpClient client, Guid id, byte[] bytes, string fileName, string contentType)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var form = new MultipartFormDataContent { { file, "file", fileName } };
        return await client.PostAsync($"/api/knowledge/articles/{id}/attachments", form);
    }

    private static byte[] Sample(string kind) => kind switch
    {
        "png" => PngBytes,
        "docx" => Zip(("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>")),
        "xlsx" => Zip(("[Content_Types].xml", "<Types/>"), ("xl/workbook.xml", "<workbook/>")),
        "odt" => Zip(("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", "<office:document-content/>")),
        "csv" => Encoding.UTF8.GetBytes("déchet;tonnes\nbiodéchets;12,5\ncartons;3\n"),
        "html-named-pdf" => Encoding.UTF8.GetBytes("<html><script>alert(document.cookie)</script></html>"),
        "svg" => Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"),
        "exe" => [(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF, 0, 0],
        "zip" => Zip(("readme.txt", "rien")),
        "binary-csv" => [(byte)'a', (byte)';', 0, 1, 2, (byte)'\n'],
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static byte[] Zip(params (string Name, string Text)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                using var entry = new StreamWriter(zip.CreateEntry(name).Open());
                entry.Write(text);
            }
        }
        return buffer.ToArray();
    }
}

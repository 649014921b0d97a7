namespace CircularPlatform.TestSupport;

/// <summary>
/// A fresh folder under /tmp. Under /tmp rather than the user's temp path because the postgres
/// user must be able to traverse its parents.
/// </summary>
public sealed class TemporaryFolder : IDisposable
{
    public TemporaryFolder(string prefix = "cp-test")
    {
        Path = System.IO.Path.Combine("/tmp", $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover folder under /tmp must not fail a test run.
        }
    }
}

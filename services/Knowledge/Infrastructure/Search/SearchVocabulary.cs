using System.Globalization;
using Microsoft.Data.Sqlite;

namespace CircularPlatform.Knowledge.Infrastructure.Search;

/// <summary>
/// The words of SQLite's full-text index, kept in memory, so that a word being typed is searched
/// as the few whole words of the index it starts ("méthanis" → methanis, methanisation) rather
/// than as an FTS5 prefix: FTS5 gathers every match of a prefix before it returns the first
/// (10 ms and more for a word most articles hold), whole words it walks only as far as a page.
/// </summary>
/// <remarks>
/// The copy is valid for one version of the index (<c>article_search_version</c>, which the
/// triggers count up with every change); while it is out of date, or when a word starts too many
/// words, <see cref="TryExpand"/> gives none and the search falls back on FTS5's own prefix
/// (always right, only slower), while a fresh copy is read in the background.
/// </remarks>
public sealed class SearchVocabulary
{
    /// <summary>Past this many, FTS5's own prefix costs less than so many whole words.</summary>
    public const int MaxWords = 16;

    private Snapshot? _current;
    private int _reading;

    /// <summary>
    /// The index's words that start with <paramref name="word"/> (as typed: lower case), null when
    /// more than <see cref="MaxWords"/> do; false when this copy is not of <paramref name="version"/>.
    /// </summary>
    public bool TryExpand(string word, long version, out IReadOnlyList<string>? starts)
    {
        starts = null;
        if (Volatile.Read(ref _current) is not { } snapshot || snapshot.Version != version)
        {
            return false;
        }
        // As the tokeniser writes a word (unicode61, remove_diacritics 2), and as the snippets read it.
        var prefix = WordMarker.Fold(word);
        var terms = snapshot.Terms;
        var first = Array.BinarySearch(terms, prefix, StringComparer.Ordinal);
        first = first < 0 ? ~first : first;
        var found = new List<string>();
        for (var i = first; i < terms.Length && terms[i].StartsWith(prefix, StringComparison.Ordinal); i++)
        {
            if (found.Count == MaxWords)
            {
                return true;
            }
            found.Add(terms[i]);
        }
        starts = found;
        return true;
    }

    /// <summary>Reads the index's words again on a connection of its own, unless a reading is already under way.</summary>
    public void Refresh(string connectionString)
    {
        if (Interlocked.CompareExchange(ref _reading, 1, 0) != 0)
        {
            return;
        }
        _ = Task.Run(async () =>
        {
            try
            {
                await using var connection = new SqliteConnection(connectionString);
                await connection.OpenAsync();
                // One read transaction: the words and the version they are of.
                await using var transaction = await connection.BeginTransactionAsync();
                await using var version = connection.CreateCommand();
                version.CommandText = "SELECT version FROM article_search_version";
                var of = Convert.ToInt64(await version.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
                await using var read = connection.CreateCommand();
                read.CommandText = "SELECT term FROM article_search_terms";
                var terms = new List<string>();
                await using (var reader = await read.ExecuteReaderAsync())
                {
                    while (await reader.ReadAsync())
                    {
                        terms.Add(reader.GetString(0));
                    }
                }
                var sorted = terms.ToArray();
                Array.Sort(sorted, StringComparer.Ordinal);
                Volatile.Write(ref _current, new Snapshot(of, sorted));
            }
            catch (Exception e) when (e is SqliteException or InvalidOperationException or IOException)
            {
                // The search stays right without the copy (FTS5's own prefixes); the next search tries again.
            }
            finally
            {
                Volatile.Write(ref _reading, 0);
            }
        });
    }

    private sealed record Snapshot(long Version, string[] Terms);
}

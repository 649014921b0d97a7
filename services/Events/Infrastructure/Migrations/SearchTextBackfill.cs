using System.Text;

namespace CircularPlatform.Events.Infrastructure.Migrations;

/// <summary>
/// Gives events stored before the search key existed one, in SQL both databases run (lower and
/// nested replace): the same folding as <see cref="Contracts.SearchKey"/> for French and English
/// text — accents, ligatures, punctuation — so old and new events are found alike. The next change
/// to an event rewrites its key from the model.
/// </summary>
public static class SearchTextBackfill
{
    private static readonly (string From, string To)[] Folds =
    [
        ("à", "a"), ("â", "a"), ("ä", "a"), ("á", "a"), ("ã", "a"), ("å", "a"),
        ("ç", "c"), ("é", "e"), ("è", "e"), ("ê", "e"), ("ë", "e"),
        ("í", "i"), ("ì", "i"), ("î", "i"), ("ï", "i"), ("ñ", "n"),
        ("ó", "o"), ("ò", "o"), ("ô", "o"), ("ö", "o"), ("õ", "o"),
        ("ú", "u"), ("ù", "u"), ("û", "u"), ("ü", "u"), ("ý", "y"), ("ÿ", "y"),
        ("œ", "oe"), ("æ", "ae"), ("ß", "ss"),
        (",", " "), (";", " "), (":", " "), (".", " "), ("!", " "), ("?", " "), ("'", " "), ("’", " "),
        ("\"", " "), ("(", " "), (")", " "), ("-", " "), ("/", " "), ("«", " "), ("»", " "),
        ("\n", " "), ("\r", " "), ("\t", " "),
        ("  ", " "), ("  ", " "), ("  ", " "),
    ];

    public static string Statement
    {
        get
        {
            const string text = "\"TitleFr\" || ' ' || coalesce(\"TitleEn\", '') || ' ' || coalesce(\"DescriptionFr\", '') || ' ' || coalesce(\"DescriptionEn\", '')";
            // Upper-case accented letters first to lower case: SQLite's lower() only knows ASCII.
            var upper = "ÀÂÄÁÃÅÇÉÈÊËÍÌÎÏÑÓÒÔÖÕÚÙÛÜÝŸŒÆ";
            var folded = new StringBuilder($"lower({text})");
            foreach (var c in upper)
            {
                folded.Insert(0, "replace(").Append($", '{c}', '{char.ToLowerInvariant(c)}')");
            }
            foreach (var (from, to) in Folds)
            {
                folded.Insert(0, "replace(").Append($", {Literal(from)}, {Literal(to)})");
            }
            return $"UPDATE events SET \"SearchText\" = trim({folded})";
        }
    }

    // Both databases take a line break or a tab inside a quoted literal as it is.
    private static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace CircularPlatform.ServiceDefaults.Data;

/// <summary>
/// Inserting many new rows of one entity type at once, in the context's current transaction. On
/// PostgreSQL it streams them with <c>COPY … FROM STDIN (FORMAT BINARY)</c>, one round trip for
/// thousands of rows where EF Core sends an INSERT per row; the columns, their types and value
/// conversions come from the EF Core model, so the mapping is written once, in the entity's
/// configuration. Elsewhere (SQLite, one file on the same machine) it adds and saves them as usual.
/// </summary>
public static class BulkInsert
{
    public static async Task InsertAsync<T>(this DbContext db, IReadOnlyCollection<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }
        if (!db.Database.IsNpgsql())
        {
            db.Set<T>().AddRange(rows);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return;
        }

        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        // Plain columns only: owned types and shadow properties would need more than a getter.
        var columns = entity.GetProperties()
            .Where(p => !p.IsShadowProperty() && p.GetColumnName(table) is not null)
            .Select(p => (Property: p, Name: p.GetColumnName(table)!, Type: DataTypeName(p.GetColumnType(table)), Getter: p.GetGetter(),
                Converter: p.GetTypeMapping().Converter))
            .ToList();
        var copy = $"COPY \"{table.Name}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) FROM STDIN (FORMAT BINARY)";

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }
        await using var importer = await connection.BeginBinaryImportAsync(copy, cancellationToken);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            foreach (var column in columns)
            {
                var value = column.Getter.GetClrValue(row);
                if (value is not null && column.Converter is not null)
                {
                    value = column.Converter.ConvertToProvider(value);
                }
                if (value is null)
                {
                    await importer.WriteNullAsync(cancellationToken);
                }
                else
                {
                    await importer.WriteAsync(value, column.Type, cancellationToken);
                }
            }
        }
        await importer.CompleteAsync(cancellationToken);
    }

    /// <summary>"character varying(40)" is written as "character varying".</summary>
    private static string DataTypeName(string? columnType) =>
        columnType is null ? throw new InvalidOperationException("A column without a store type.") : columnType.Split('(')[0].Trim();
}

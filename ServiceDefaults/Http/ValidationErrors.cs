namespace CircularPlatform.ServiceDefaults.Http;

/// <summary>
/// Collects every problem with a request so the client learns them all at once, keyed by the
/// field as the client wrote it (camelCase, dotted for nested fields).
/// </summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public ValidationErrors Add(string field, string reason)
    {
        if (!_errors.TryGetValue(field, out var reasons))
        {
            _errors[field] = reasons = [];
        }
        reasons.Add(reason);
        return this;
    }

    public IDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}

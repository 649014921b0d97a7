namespace CircularPlatform.ServiceDefaults.Http;

/// <summary>
/// Collects every problem with a request so the client learns them all at once, keyed by the
/// field as the client wrote it (camelCase, dotted for nested fields).
/// </summary>
/// <remarks>
/// Bounded, so that a request cannot make its answer larger than itself: a body of 100,000 wrong
/// themes is told about the first <see cref="MaxFields"/> fields, and under the empty key (the
/// request as a whole, as ASP.NET Core's model state names it) how many more were found.
/// </remarks>
public sealed class ValidationErrors
{
    public const int MaxFields = 25;
    public const int MaxReasonsPerField = 3;

    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);
    private int _notListed;

    public bool Any => _errors.Count > 0;

    public ValidationErrors Add(string field, string reason)
    {
        if (!_errors.TryGetValue(field, out var reasons))
        {
            if (_errors.Count == MaxFields)
            {
                _notListed++;
                return this;
            }
            _errors[field] = reasons = [];
        }
        if (reasons.Count == MaxReasonsPerField)
        {
            _notListed++;
            return this;
        }
        reasons.Add(reason);
        return this;
    }

    public IDictionary<string, string[]> ToDictionary()
    {
        var errors = _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
        if (_notListed > 0)
        {
            errors[""] = [$"{_notListed} more problem(s) were found and not listed; correct these and send the request again."];
        }
        return errors;
    }
}

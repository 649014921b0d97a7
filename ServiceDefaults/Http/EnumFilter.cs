namespace CircularPlatform.ServiceDefaults.Http;

/// <summary>A list filter naming one value of an enumeration, as clients write it (lower case).</summary>
public static class EnumFilter
{
    /// <summary>
    /// True with no value when nothing was asked for, true with the value when the text names one
    /// (whatever its case), false when it names none; numbers are not names.
    /// </summary>
    public static bool TryParse<TEnum>(string? text, out TEnum? value) where TEnum : struct, Enum
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        var name = Enum.GetNames<TEnum>().FirstOrDefault(n => string.Equals(n, text.Trim(), StringComparison.OrdinalIgnoreCase));
        if (name is null)
        {
            return false;
        }
        value = Enum.Parse<TEnum>(name);
        return true;
    }

    /// <summary>"Use one of pending, approved, …": what a client is told after a wrong value.</summary>
    public static string Reason<TEnum>() where TEnum : struct, Enum =>
        $"Use one of {string.Join(", ", Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant()))}.";
}

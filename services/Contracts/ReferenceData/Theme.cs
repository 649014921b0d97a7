namespace CircularPlatform.Contracts;

/// <param name="Slug">Stable identifier used by every service and in URLs.</param>
/// <param name="WasteCodes">European List of Waste chapters or entries the theme covers.</param>
public sealed record Theme(string Slug, BilingualText Name, IReadOnlyList<string> WasteCodes);

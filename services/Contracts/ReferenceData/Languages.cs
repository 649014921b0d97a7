namespace CircularPlatform.Contracts;

public static class Languages
{
    public const string French = "fr";
    public const string English = "en";

    public static IReadOnlyList<string> All { get; } = [French, English];
}

namespace CircularPlatform.Members.Apis;

public sealed record BilingualTextRequest(string? Fr, string? En);

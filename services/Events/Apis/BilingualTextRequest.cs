namespace CircularPlatform.Events.Apis;

public sealed record BilingualTextRequest(string? Fr, string? En);

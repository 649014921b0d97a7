namespace CircularPlatform.AppHost;

/// <summary>Something <see cref="StartupReport"/> says once, when the AppHost starts.</summary>
internal sealed record StartupAnnouncement(string Text);

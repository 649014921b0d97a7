namespace CircularPlatform.ServiceDefaults.Data;

/// <summary>Which database the service runs on, for the code that must differ (locking, health reports).</summary>
public sealed record DatabaseInfo(string ConnectionName, DatabaseProvider Provider);

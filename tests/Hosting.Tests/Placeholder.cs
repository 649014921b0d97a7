namespace CircularPlatform.Hosting.Tests;

namespace CircularPlatform.Hosting;

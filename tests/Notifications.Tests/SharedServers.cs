using CircularPlatform.TestSupport;

// One PostgreSQL cluster for the run, a database per test: stopped once every test has run.
[assembly: TestFramework(SharedServersTestFramework.TypeName, SharedServersTestFramework.AssemblyName)]

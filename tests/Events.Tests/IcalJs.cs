using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CircularPlatform.TestSupport;

namespace CircularPlatform.Events.Tests;

/// <summary>
/// ical.js (Mozilla's, used by Thunderbird) reading a calendar in Node: a parser with no code in
/// common with Ical.Net, which wrote it. test.sh installs it (IcalReader/package-lock.json).
/// </summary>
internal static class IcalJs
{
    private static string Folder => Path.Combine(Repository.Root, "tests", "Events.Tests", "IcalReader");

    public static async Task<JsonElement> ReadAsync(byte[] calendar)
    {
        Assert.True(Directory.Exists(Path.Combine(Folder, "node_modules", "ical.js")),
            $"ical.js is not installed: run ./test.sh, or npm ci in {Folder}.");
        using var node = Process.Start(new ProcessStartInfo("node", ["read.mjs"])
        {
            WorkingDirectory = Folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        await node.StandardInput.BaseStream.WriteAsync(calendar);
        node.StandardInput.Close();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await node.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            // SIGTERM, as for every process a test starts.
            using var kill = Process.Start("kill", ["-TERM", node.Id.ToString(CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
            throw;
        }
        Assert.True(node.ExitCode == 0, "ical.js refused the calendar: " + await errors);
        return JsonDocument.Parse(await output).RootElement.Clone();
    }
}

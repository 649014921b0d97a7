using System.Text.RegularExpressions;
using ZXing.Common;
using ZXing.QrCode.Internal;

namespace CircularPlatform.Events.Tests;

/// <summary>
/// Reads a QR code drawn as SVG (one path of unit-height runs, as the service draws it) back into
/// its modules, and decodes them with ZXing: a decoder that shares nothing with the one who drew it.
/// </summary>
internal static partial class QrModules
{
    public static BitMatrix FromSvg(string svg)
    {
        var runs = Run().Matches(svg).Select(m => (X: int.Parse(m.Groups[1].Value), Y: int.Parse(m.Groups[2].Value), Width: int.Parse(m.Groups[3].Value))).ToList();
        Assert.NotEmpty(runs);
        // The finder patterns sit in three corners: the dark modules' bounds are the symbol's, without its quiet zone.
        var (left, top) = (runs.Min(r => r.X), runs.Min(r => r.Y));
        var size = runs.Max(r => r.X + r.Width) - left;
        Assert.Equal(size, runs.Max(r => r.Y) + 1 - top);
        var modules = new BitMatrix(size);
        foreach (var (x, y, width) in runs)
        {
            for (var i = 0; i < width; i++)
            {
                modules[x - left + i, y - top] = true;
            }
        }
        return modules;
    }

    public static string Decode(BitMatrix modules) => new Decoder().decode(modules, null)?.Text ?? throw new InvalidDataException("Not a QR code.");

    [GeneratedRegex(@"M(\d+) (\d+)h(\d+)v1h-\d+z")]
    private static partial Regex Run();
}

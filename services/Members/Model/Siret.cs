namespace CircularPlatform.Members.Model;

/// <summary>
/// The 14-digit identifier INSEE gives each establishment of a French organisation: its SIREN
/// (9 digits) followed by the establishment's number (5 digits). Always held normalised, digits only.
/// </summary>
public readonly record struct Siret
{
    public const int Length = 14;

    /// <summary>La Poste has more establishments than the Luhn key leaves numbers for under one SIREN.</summary>
    public const string LaPosteSiren = "356000000";

    /// <summary>La Poste's head office was numbered before the exception and keeps the Luhn key.</summary>
    public const string LaPosteHeadOffice = "35600000000048";

    private Siret(string value) => Value = value;

    public string Value { get; }

    public string Siren => Value[..9];

    public override string ToString() => Value;

    /// <summary>
    /// Reads a SIRET as people type it (spaces between the groups are allowed) and checks its key:
    /// the Luhn checksum on the SIRET and on its SIREN, or for La Poste's establishments a sum of
    /// digits that is a multiple of 5. <paramref name="problem"/> says what is wrong otherwise.
    /// </summary>
    public static bool TryParse(string? text, out Siret siret, out string? problem)
    {
        siret = default;
        var digits = (text ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal);
        if (digits.Length != Length || !digits.All(char.IsAsciiDigit))
        {
            problem = $"A SIRET has {Length} digits (spaces between groups are allowed).";
            return false;
        }
        if (!HasValidKey(digits))
        {
            problem = "This SIRET's check digit is wrong; check it against the Sirene directory.";
            return false;
        }
        siret = new Siret(digits);
        problem = null;
        return true;
    }

    private static bool HasValidKey(string digits)
    {
        if (digits.StartsWith(LaPosteSiren, StringComparison.Ordinal) && digits != LaPosteHeadOffice)
        {
            return digits.Sum(c => c - '0') % 5 == 0;
        }
        return PassesLuhn(digits) && PassesLuhn(digits[..9]);
    }

    /// <summary>From the right, every second digit is doubled (9 taken away above 9); the total ends in 0.</summary>
    private static bool PassesLuhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var digit = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        return sum % 10 == 0;
    }
}

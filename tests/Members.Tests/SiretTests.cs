using CircularPlatform.Members.Model;

namespace CircularPlatform.Members.Tests;

public sealed class SiretTests
{
    [Theory]
    [InlineData("73282932000074", "73282932000074")]
    [InlineData("732 829 320 00074", "73282932000074")]
    [InlineData(" 73282932000074 ", "73282932000074")]
    public void A_SIRET_with_a_correct_Luhn_key_is_accepted_and_kept_as_digits_only(string typed, string stored)
    {
        Assert.True(Siret.TryParse(typed, out var siret, out var problem));

        Assert.Equal(stored, siret.Value);
        Assert.Equal("732829320", siret.Siren);
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("73282932000075")] // the last digit is one off
    [InlineData("73282932000047")] // two digits swapped
    [InlineData("73282932100072")] // the SIRET passes Luhn but its SIREN does not
    public void A_wrong_key_is_refused(string typed)
    {
        Assert.False(Siret.TryParse(typed, out _, out var problem));

        Assert.Contains("check digit", problem);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("7328293200007")]
    [InlineData("732829320000740")]
    [InlineData("7328293200007A")]
    [InlineData("732-829-320-00074")]
    [InlineData("７３２８２９３２０００７４")] // full-width digits are digits to .NET, not to INSEE
    public void Anything_but_fourteen_digits_is_refused(string? typed)
    {
        Assert.False(Siret.TryParse(typed, out _, out var problem));

        Assert.Contains("14 digits", problem);
    }

    [Fact]
    public void La_Poste_head_office_keeps_the_Luhn_key()
    {
        // Its digits add up to 26, so it is valid only because the head office follows Luhn.
        Assert.True(Siret.TryParse("356 000 000 00048", out var siret, out _));
        Assert.Equal("35600000000048", siret.Value);
    }

    [Fact]
    public void A_La_Poste_establishment_is_valid_when_its_digits_add_up_to_a_multiple_of_five_even_against_Luhn()
    {
        Assert.True(Siret.TryParse("35600000000001", out _, out _));
    }

    [Fact]
    public void A_La_Poste_establishment_passing_Luhn_is_still_refused_when_its_digits_do_not_add_up_to_a_multiple_of_five()
    {
        Assert.False(Siret.TryParse("35600000000014", out _, out var problem));
        Assert.Contains("check digit", problem);
    }
}

namespace CircularPlatform.Contracts.Tests;

public sealed class ReferenceDataTests
{
    [Fact]
    public void The_agglomeration_has_36_distinct_municipalities() =>
        Assert.Equal(36, Municipalities.All.Distinct().Count());

    [Theory]
    [InlineData("Liévin", "Liévin")]
    [InlineData("LIEVIN", "Liévin")]
    [InlineData("  lievin ", "Liévin")]
    [InlineData("fouquieres les lens", "Fouquières-lès-Lens")]
    [InlineData("Pont a Vendin", "Pont-à-Vendin")]
    [InlineData("ELEU DIT LEAUWETTE", "Éleu-dit-Leauwette")]
    public void Municipalities_match_whatever_the_case_accents_and_hyphens(string typed, string official)
    {
        Assert.True(Municipalities.TryFind(typed, out var found));
        Assert.Equal(official, found);
    }

    [Theory]
    [InlineData("Lille")]
    [InlineData("Lensx")]
    [InlineData("")]
    [InlineData(null)]
    public void Places_outside_the_agglomeration_are_not_found(string? typed) =>
        Assert.False(Municipalities.TryFind(typed, out _));

    [Fact]
    public void Theme_slugs_are_unique_kebab_case_and_bilingual()
    {
        Assert.Equal(Themes.All.Count, Themes.All.Select(t => t.Slug).Distinct().Count());
        Assert.All(Themes.All, t =>
        {
            Assert.Matches("^[a-z]+(-[a-z]+)*$", t.Slug);
            Assert.False(string.IsNullOrWhiteSpace(t.Name.Fr));
            Assert.False(string.IsNullOrWhiteSpace(t.Name.En));
        });
    }

    [Fact]
    public void Themes_map_to_list_of_waste_chapters()
    {
        Assert.True(Themes.TryFind("building-materials", out var building));
        Assert.Equal(["17"], building.WasteCodes);
        Assert.True(Themes.TryFind("BIO-WASTE", out var bio));
        Assert.Equal(["02", "20 01 08", "20 02"], bio.WasteCodes);
        Assert.False(Themes.Exists("gardening"));
    }

    [Fact]
    public void A_theme_list_resolves_to_official_slugs_without_repeats_and_names_each_unknown_entry()
    {
        var unknown = new List<(int, string?)>();

        var resolved = Themes.Resolve(["WATER", "gardening", "water", null, "batteries"], (i, slug) => unknown.Add((i, slug)));

        Assert.Equal(["water", "batteries"], resolved);
        Assert.Equal([(1, "gardening"), (3, (string?)null)], unknown);
    }

    [Theory]
    [InlineData(null, true, null)]
    [InlineData(" ", true, null)]
    [InlineData("Soil-Decontamination", true, "soil-decontamination")]
    [InlineData("gardening", false, null)]
    public void A_theme_filter_is_optional_and_resolves_to_the_official_slug(string? text, bool accepted, string? slug)
    {
        Assert.Equal(accepted, Themes.TryFilter(text, out var resolved));
        Assert.Equal(slug, resolved);
    }

    [Fact]
    public void Bilingual_text_falls_back_to_french()
    {
        var text = new BilingualText { Fr = "Eau et nappes", En = null };
        Assert.Equal("Eau et nappes", text.In(Languages.English));
        Assert.Equal("Water", (text with { En = "Water" }).In(Languages.English));
        Assert.Equal("Eau et nappes", (text with { En = "Water" }).In(Languages.French));
    }
}

namespace CircularPlatform.Members.Model;

public static class OrganisationRules
{
    public const int NameMaxLength = 200;
    public const int AddressMaxLength = 300;
    public const int SectorMaxLength = 100;
    public const int WebsiteMaxLength = 500;
    public const int DescriptionMaxLength = 5_000;
    public const int MunicipalityMaxLength = 80;
    public const int PostcodeLength = 5;
}

namespace CircularPlatform.Members.Model;

public static class MemberRules
{
    public const int DisplayNameMaxLength = 120;
    public const int EmailMaxLength = 254;
    public const int ReasonMaxLength = 500;
}

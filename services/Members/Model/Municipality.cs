namespace CircularPlatform.Members.Model;

/// <summary>One of the 36 municipalities of the Communauté d'Agglomération de Lens-Liévin.</summary>
public sealed class Municipality
{
    public required string Name { get; init; }
    public required int Position { get; init; }
}

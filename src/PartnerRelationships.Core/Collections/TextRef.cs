namespace PartnerRelationships.Core.Collections;

/// <summary>Where a text is in a <see cref="TextArena"/>; a negative length is null.</summary>
internal readonly struct TextRef
{
    public static readonly TextRef Null = new(0, 0, -1);

    public TextRef(int block, int start, int length)
    {
        Block = block;
        Start = start;
        Length = length;
    }

    public int Block { get; }

    public int Start { get; }

    public int Length { get; }

    public bool IsNull => Length < 0;
}

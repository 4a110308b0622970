namespace CrmPlatform.Customers.Import;

/// <summary>A growable run of characters, reused between values to spare an allocation per field.</summary>
internal sealed class CharBuffer
{
    private char[] _chars = new char[256];

    public int Length { get; private set; }

    public ReadOnlySpan<char> AsSpan() => _chars.AsSpan(0, Length);

    public ReadOnlyMemory<char> AsMemory() => _chars.AsMemory(0, Length);

    public void Clear() => Length = 0;

    public void Append(char value)
    {
        EnsureRoomFor(1);
        _chars[Length++] = value;
    }

    public void Append(ReadOnlySpan<char> value)
    {
        EnsureRoomFor(value.Length);
        value.CopyTo(_chars.AsSpan(Length));
        Length += value.Length;
    }

    public override string ToString() => Length == 0 ? "" : new string(AsSpan());

    private void EnsureRoomFor(int count)
    {
        if (Length + count > _chars.Length)
        {
            Array.Resize(ref _chars, Math.Max(_chars.Length * 2, Length + count));
        }
    }
}

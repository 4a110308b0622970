namespace CrmPlatform.IntegrationTests.Fuzzing;

/// <summary>The catalogue of bad input, by where it goes. Each entry is (case name, value).</summary>
public static class BadValues
{
    public const int OversizeQuery = 10_000;
    public const int OversizePath = 5_000;

    /// <summary>Path segments, already URL-encoded as they go on the wire (so "../" and "%00" arrive raw).</summary>
    public static IReadOnlyList<(string Name, string Segment)> PathSegments(Guid unknownId) =>
    [
        ("malformed-guid", "not-a-guid"),
        ("guid-without-hyphens-too-long", "0123456789abcdef0123456789abcdef01"),
        ("empty", ""),
        ("oversize", new string('a', OversizePath)),
        ("dot-dot-slash", "../"),
        ("encoded-dot-dot", "..%2F..%2Fetc%2Fpasswd"),
        ("nul", "%00"),
        ("bad-percent-encoding", "%ZZ"),
        ("unicode", Uri.EscapeDataString("çãø😀\u202e")),
        ("negative-number", "-1"),
        ("huge-number", "99999999999999999999"),
        ("unicode-digits", Uri.EscapeDataString("٢٠٢٦-01")),
        ("fullwidth-digits", Uri.EscapeDataString("２０２６-Q1")),
        ("unknown-guid", unknownId.ToString()),
        ("empty-guid", Guid.Empty.ToString()),
    ];

    /// <summary>Query values, unencoded: every one is sent through <see cref="Uri.EscapeDataString(string)"/>.</summary>
    public static IReadOnlyList<(string Name, string Value)> QueryValues { get; } =
    [
        ("wrong-type", "abc"),
        ("negative", "-1"),
        ("zero", "0"),
        ("double-overflow", "1e309"),
        ("long-max-plus-one", "9223372036854775808"),
        ("int-min-minus-one", "-2147483649"),
        ("fraction", "1.5"),
        ("int-max", "2147483647"),
        ("long-max", "9223372036854775807"),
        ("nan", "NaN"),
        ("unicode-digits", "٢٠٢٦-٠١-٠١"),
        ("unknown-enum", "not-a-member"),
        ("oversize", new string('x', OversizeQuery)),
        ("sql-injection", "' OR 1=1 --"),
        ("sql-drop", "%'; DROP TABLE x;--"),
        ("like-wildcards", "%_\\"),
        ("script", "<script>alert(1)</script>"),
        ("nosql-operator", "{\"$gt\":\"\"}"),
        ("nul-char", "a\0b"),
        ("unicode-oddities", "\u202eÅ\u0301😀\ufeff"),
        ("impossible-date", "2026-02-30"),
        ("date-min-with-offset", "0001-01-01T00:00:00+14:00"),
        ("date-max-with-offset", "9999-12-31T23:59:59-14:00"),
        ("date-min", "0001-01-01"),
        ("date-max", "9999-12-31T23:59:59Z"),
        ("date-max-day", "9999-12-31"),
        ("time-far-offset", "2026-01-15T10:00:00+14:00"),
        ("whitespace", "   "),
        ("empty", ""),
    ];

    /// <summary>Cursors that no list gave: each must be a 422 naming cursor (or ignored), never a 500.</summary>
    public static IReadOnlyList<(string Name, string Value)> Cursors { get; } =
    [
        ("cursor-punctuation", "!!!"),
        ("cursor-base64-garbage", Convert.ToBase64String([0xff, 0xfe, 0x00, 0x13, 0x37, 0x80])),
        ("cursor-base64-json-wrong-fields", Convert.ToBase64String("{\"page\":2,\"offset\":-1}"u8.ToArray())),
        ("cursor-two-parts-garbage", "abc.def"),
        ("cursor-dots", "..."),
        ("cursor-oversize", new string('A', OversizeQuery)),
    ];

    public static IReadOnlyList<(string Name, string Value)> IfMatch { get; } =
    [
        ("if-match-garbage", "garbage"),
        ("if-match-lone-quote", "\""),
        ("if-match-weak", "W/\"1\""),
        ("if-match-huge-version", "\"99999999999999999999999\""),
        ("if-match-negative", "\"-1\""),
        ("if-match-commas", ",,,"),
        ("if-match-oversize", "\"" + new string('9', 5_000) + "\""),
    ];

    /// <summary>Strings for a string property of a body (JSON-encoded when sent).</summary>
    public static IReadOnlyList<(string Name, string Value)> BodyStrings { get; } =
    [
        ("oversize-string", new string('x', OversizeQuery)),
        ("sql-injection", "' OR 1=1 --"),
        ("script", "<script>alert(1)</script>"),
        ("nul-char", "a\0b"),
        ("unicode-oddities", "\u202eÅ\u0301😀\ufeff"),
        ("empty-string", ""),
        ("whitespace", "  \t\n "),
        ("unknown-enum", "not-a-member"),
        ("malformed-guid", "not-a-guid"),
        ("impossible-date", "2026-02-30T25:61:00Z"),
        ("date-min-with-offset", "0001-01-01T00:00:00+14:00"),
        ("date-max-with-offset", "9999-12-31T23:59:59-14:00"),
        ("date-min", "0001-01-01T00:00:00Z"),
        ("date-max", "9999-12-31T23:59:59Z"),
        ("time-far-offset", "2026-01-15T10:00:00+14:00"),
        ("unicode-digits", "٢٠٢٦-٠١"),
        ("numeric-string", "1e309"),
    ];

    /// <summary>Raw JSON values that are the wrong type or out of range for most properties.</summary>
    public static IReadOnlyList<(string Name, string Json)> BodyJsonValues { get; } =
    [
        ("null", "null"),
        ("number", "12345"),
        ("negative", "-1"),
        ("fraction", "0.5"),
        ("double-overflow", "1e309"),
        ("long-max-plus-one", "9223372036854775808"),
        ("int-max", "2147483647"),
        ("int-max-plus-one", "2147483648"),
        ("decimal-max", "79228162514264337593543950335"),
        ("huge-negative", "-99999999999999999999999999999999"),
        ("boolean", "true"),
        ("string", "\"abc\""),
        ("array", "[1,{},null]"),
        ("object", "{\"$gt\":\"\"}"),
    ];
}

namespace CrmPlatform.Customers.Import;

/// <summary>What made a record unreadable; <see cref="None"/> for a good record.</summary>
public enum CsvErrorKind
{
    None,

    /// <summary>The input ended inside a quoted field.</summary>
    UnterminatedQuotedField,

    /// <summary>A quoted field's closing quote is followed by something other than a separator or a line end.</summary>
    TextAfterClosingQuote,

    /// <summary>A quote inside a field that does not start with one (RFC 4180 wants the whole field quoted).</summary>
    QuoteInUnquotedField,

    /// <summary>A field is longer than <see cref="CsvReaderOptions.MaxFieldLength"/>.</summary>
    FieldTooLong,

    /// <summary>A record has more fields than <see cref="CsvReaderOptions.MaxFieldsPerRecord"/>.</summary>
    TooManyFields,
}

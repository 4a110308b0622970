using System.Buffers;

namespace CrmPlatform.Customers.Import;

/// <summary>
/// The RFC 4180 state machine behind <see cref="CsvReader"/>. It scans whatever <see cref="CsvInputBuffer"/> holds
/// and keeps its state when the characters run out mid-record, so chunk boundaries can fall anywhere.
/// </summary>
/// <remarks>
/// <para>Line ends are CRLF, LF or a lone CR, inside quotes as well as outside; each is one physical line.</para>
/// <para>Resynchronising after an error: if the error is on the record's first line, the rest of that line is
/// skipped. If the record had run onto later lines, a quoted field spanned them, and a stray opening quote is the
/// likely cause, so reading resumes at the record's second line: one bad quote costs one line, not the rest of
/// the file. A record that truly spans lines and has an error may therefore be reported more than once.</para>
/// </remarks>
internal sealed class CsvScanner
{
    private enum State
    {
        LineStart,
        AfterCarriageReturn,
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
        SkippingLine,
    }

    private static readonly SearchValues<char> _quotedStops = SearchValues.Create("\"\r\n");
    private static readonly SearchValues<char> _lineEnds = SearchValues.Create("\r\n");

    private readonly CsvInputBuffer _input;
    private readonly char _separator;
    private readonly int _maxFieldLength;
    private readonly int _maxFields;
    private readonly SearchValues<char> _unquotedStops;
    private readonly CharBuffer _field = new();
    private State _state = State.LineStart;

    /// <summary>The physical line of the next unread character.</summary>
    private long _line = 1;

    /// <summary>Inside quotes, whether the last character was a CR, so a following LF is not another line.</summary>
    private bool _afterCarriageReturnInQuotes;

    /// <summary>Whether the capture began between the CR and the (possible) LF of a line end.</summary>
    private bool _captureStartsAfterCarriageReturn;

    public CsvScanner(CsvInputBuffer input, CsvReaderOptions options)
    {
        _input = input;
        _separator = options.Separator;
        _maxFieldLength = options.MaxFieldLength;
        _maxFields = options.MaxFieldsPerRecord;
        _unquotedStops = SearchValues.Create([_separator, '"', '\r', '\n']);
    }

    public CsvRecord Record { get; } = new();

    /// <summary>Scans buffered input; true when <see cref="Record"/> holds a new record (or error), false when the input ran out.</summary>
    public bool TryReadRecord()
    {
        while (!_input.IsEmpty)
        {
            var recordReady = _state switch
            {
                State.LineStart => StartLine(),
                State.AfterCarriageReturn => FinishLineEnd(),
                State.FieldStart => StartField(),
                State.Unquoted => ScanUnquoted(),
                State.Quoted => ScanQuoted(),
                State.QuoteInQuoted => ScanAfterQuote(),
                _ => SkipLine(),
            };
            if (recordReady)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Called when the input has ended: completes the last record if it had no line end.</summary>
    public bool TryCompleteAtEnd()
    {
        switch (_state)
        {
            case State.FieldStart:
            case State.Unquoted:
            case State.QuoteInQuoted:
                // FieldStart here means the line ended in a separator: one more, empty, field.
                Record.Add(_state == State.FieldStart ? "" : _field.ToString());
                _state = State.LineStart;
                _input.StopCapture();
                return true;
            case State.Quoted:
                return Fail(CsvErrorKind.UnterminatedQuotedField, "unterminated quoted field", sayWhereFound: false);
            default:
                return false;
        }
    }

    private bool StartLine()
    {
        var first = _input.Unread[0];
        if (first is '\r' or '\n')
        {
            // A blank line: no record, but it still counts.
            _input.Advance(1);
            _line++;
            _state = first == '\r' ? State.AfterCarriageReturn : State.LineStart;
        }
        else
        {
            Record.Start(_line);
            _state = State.FieldStart;
        }

        return false;
    }

    private bool FinishLineEnd()
    {
        if (_input.Unread[0] == '\n')
        {
            _input.Advance(1);
        }

        _state = State.LineStart;
        return false;
    }

    private bool StartField()
    {
        _field.Clear();
        if (_input.Unread[0] == '"')
        {
            _input.Advance(1);
            _afterCarriageReturnInQuotes = false;
            _state = State.Quoted;
            return false;
        }

        _state = State.Unquoted;
        return ScanUnquoted();
    }

    private bool ScanUnquoted()
    {
        var unread = _input.Unread;
        var stop = unread.IndexOfAny(_unquotedStops);
        if (stop < 0)
        {
            if (!TryAppend(unread))
            {
                return true;
            }

            _input.Advance(unread.Length);
            return false;
        }

        // The length first: had the buffer ended before the quote, the length would have failed first, and
        // the error must not depend on where chunks end.
        var text = unread[..stop];
        if (_field.Length + text.Length > _maxFieldLength)
        {
            return FailTooLong();
        }

        var terminator = unread[stop];
        if (terminator == '"')
        {
            return Fail(CsvErrorKind.QuoteInUnquotedField,
                $"quote inside unquoted field {Record.FieldCount + 1} (quote the whole field and double the quote)");
        }

        string value;
        if (_field.Length == 0)
        {
            // The usual case: the whole field is in the buffer, so no copy into the field buffer.
            value = text.IsEmpty ? "" : new string(text);
        }
        else
        {
            _field.Append(text);
            value = _field.ToString();
        }

        _input.Advance(stop + 1);
        return EndField(value, terminator);
    }

    private bool ScanQuoted()
    {
        var unread = _input.Unread;
        var stop = unread.IndexOfAny(_quotedStops);
        var text = stop < 0 ? unread : unread[..stop];
        if (!text.IsEmpty)
        {
            if (!TryAppend(text))
            {
                return true;
            }

            _input.Advance(text.Length);
            _afterCarriageReturnInQuotes = false;
        }

        if (stop < 0)
        {
            return false;
        }

        var found = unread[stop];
        if (found == '"')
        {
            _input.Advance(1);
            _state = State.QuoteInQuoted;
            return false;
        }

        // A line end inside quotes belongs to the value.
        if (!TryAppend(found))
        {
            return true;
        }

        _input.Advance(1);
        if (found == '\r' || !_afterCarriageReturnInQuotes)
        {
            _line++;
        }

        _afterCarriageReturnInQuotes = found == '\r';
        if (!_input.IsCapturing)
        {
            _input.StartCapture();
            _captureStartsAfterCarriageReturn = found == '\r';
        }

        return false;
    }

    private bool ScanAfterQuote()
    {
        var next = _input.Unread[0];
        if (next == '"')
        {
            // A doubled quote is a literal one.
            if (!TryAppend('"'))
            {
                return true;
            }

            _input.Advance(1);
            _afterCarriageReturnInQuotes = false;
            _state = State.Quoted;
            return false;
        }

        if (next == _separator || next is '\r' or '\n')
        {
            _input.Advance(1);
            return EndField(_field.ToString(), next);
        }

        return Fail(CsvErrorKind.TextAfterClosingQuote, $"text after the closing quote of field {Record.FieldCount + 1}");
    }

    private bool SkipLine()
    {
        var unread = _input.Unread;
        var stop = unread.IndexOfAny(_lineEnds);
        if (stop < 0)
        {
            _input.Advance(unread.Length);
            return false;
        }

        _input.Advance(stop + 1);
        _line++;
        _state = unread[stop] == '\r' ? State.AfterCarriageReturn : State.LineStart;
        return false;
    }

    /// <summary>Stores a finished field; the terminator (already consumed) says whether the record goes on.</summary>
    private bool EndField(string value, char terminator)
    {
        Record.Add(value);
        if (terminator == _separator)
        {
            if (Record.FieldCount == _maxFields)
            {
                return Fail(CsvErrorKind.TooManyFields, $"more than {_maxFields} fields");
            }

            _state = State.FieldStart;
            return false;
        }

        _line++;
        _state = terminator == '\r' ? State.AfterCarriageReturn : State.LineStart;
        _input.StopCapture();
        return true;
    }

    private bool TryAppend(ReadOnlySpan<char> text)
    {
        if (_field.Length + text.Length > _maxFieldLength)
        {
            FailTooLong();
            return false;
        }

        _field.Append(text);
        return true;
    }

    private bool TryAppend(char character) => TryAppend([character]);

    private bool FailTooLong() =>
        Fail(CsvErrorKind.FieldTooLong, $"field {Record.FieldCount + 1} is longer than {_maxFieldLength} characters");

    /// <summary>Turns the record into an error and sets up the resynchronisation described on the class.</summary>
    private bool Fail(CsvErrorKind kind, string error, bool sayWhereFound = true)
    {
        if (sayWhereFound && _line != Record.LineNumber)
        {
            error += $" (found on line {_line})";
        }

        Record.Fail(kind, error);
        if (_input.IsCapturing)
        {
            _line = Record.LineNumber + 1;
            _state = _captureStartsAfterCarriageReturn ? State.AfterCarriageReturn : State.LineStart;
            _input.RewindToCapture();
        }
        else
        {
            _state = State.SkippingLine;
        }

        return true;
    }
}

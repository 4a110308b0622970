using System.Text;

namespace CrmPlatform.Analytics.Purchases;

/// <summary>
/// Splits one CSV line (RFC 4180 quoting: "a, b" and doubled quotes inside). Purchase fields are ids, numbers, codes and
/// short labels, so a quoted field may not span lines: such a line is reported unreadable, not read across.
/// </summary>
public static class CsvLine
{
    /// <summary>The fields, or null with the reason when the line is malformed.</summary>
    public static List<string>? Split(string line, out string? error)
    {
        error = null;
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (true)
        {
            field.Clear();
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length)
                    {
                        error = "A quoted field is not closed (fields may not span lines).";
                        return null;
                    }

                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    field.Append(line[i++]);
                }

                if (i < line.Length && line[i] != ',')
                {
                    error = $"Text after a closing quote at character {i + 1}.";
                    return null;
                }
            }
            else
            {
                var end = line.IndexOf(',', i);
                var raw = end < 0 ? line[i..] : line[i..end];
                if (raw.Contains('"', StringComparison.Ordinal))
                {
                    error = "A quote inside an unquoted field: quote the whole field and double the quote.";
                    return null;
                }

                field.Append(raw);
                i = end < 0 ? line.Length : end;
            }

            fields.Add(field.ToString());
            if (i >= line.Length)
            {
                return fields;
            }

            i++; // the comma
        }
    }
}

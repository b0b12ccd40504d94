namespace Kalm.Shield.Cli;

/// <summary>
/// Splits a byte stream into lines without decoding it, so JSON lines go to
/// <see cref="System.Text.Json.Utf8JsonReader"/> straight from the read buffer.
/// </summary>
internal sealed class LineReader(Stream input)
{
    private const int InitialCapacity = 64 * 1024;

    private byte[] _buffer = new byte[InitialCapacity];
    private int _start;
    private int _end;
    private bool _endOfInput;
    private bool _atFirstLine = true;

    /// <summary>The 1-based number of the line last returned.</summary>
    public int LineNumber { get; private set; }

    /// <summary>
    /// Returns the next line without its line break (LF or CRLF), or false at the end of the input.
    /// The memory is valid only until the next call.
    /// </summary>
    public bool TryReadLine(out ReadOnlyMemory<byte> line)
    {
        var searchFrom = _start;
        while (true)
        {
            var newline = _buffer.AsSpan(searchFrom, _end - searchFrom).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var length = searchFrom - _start + newline;
                line = Trim(_buffer.AsMemory(_start, length));
                _start += length + 1;
                return true;
            }

            if (_endOfInput)
            {
                if (_start == _end)
                {
                    line = default;
                    return false;
                }

                line = Trim(_buffer.AsMemory(_start, _end - _start));
                _start = _end;
                return true;
            }

            searchFrom = _end;
            Fill(ref searchFrom);
        }
    }

    private void Fill(ref int searchFrom)
    {
        if (_start > 0)
        {
            // Move the unfinished line to the front instead of growing, so memory stays bounded by the longest line.
            var pending = _end - _start;
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, pending);
            searchFrom -= _start;
            _start = 0;
            _end = pending;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = input.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _endOfInput = true;
        }

        _end += read;
    }

    private ReadOnlyMemory<byte> Trim(ReadOnlyMemory<byte> line)
    {
        LineNumber++;
        if (line.Span is [.., (byte)'\r'])
        {
            line = line[..^1];
        }

        if (_atFirstLine)
        {
            _atFirstLine = false;
            if (line.Span.StartsWith("\uFEFF"u8))
            {
                line = line[3..];
            }
        }

        return line;
    }
}

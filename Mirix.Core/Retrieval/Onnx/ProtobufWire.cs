using System.Buffers;

namespace Mirix.Core.Retrieval.Onnx;

/// <summary>
/// Just enough of protobuf's wire format to rewrite an ONNX model: fields are read as tag, varint or byte slice, and
/// anything not rewritten is copied back byte for byte, so no schema is needed.
/// </summary>
internal static class ProtobufWire
{
    public const int VarintType = 0;
    public const int Fixed64Type = 1;
    public const int LengthDelimitedType = 2;
    public const int Fixed32Type = 5;

    /// <summary>One field: its number, its wire type, its value (varint) or payload (the rest), and its bytes as read.</summary>
    public readonly record struct Field(int Number, int WireType, ulong Varint, ReadOnlyMemory<byte> Payload, ReadOnlyMemory<byte> Encoded)
    {
        public string Text => System.Text.Encoding.UTF8.GetString(Payload.Span);
    }

    public static List<Field> Read(ReadOnlyMemory<byte> message)
    {
        var fields = new List<Field>();
        var position = 0;
        var span = message.Span;
        while (position < span.Length)
        {
            var start = position;
            var tag = ReadVarint(span, ref position);
            var wireType = (int)(tag & 7);
            var value = 0UL;
            ReadOnlyMemory<byte> payload = default;
            var length = wireType switch
            {
                VarintType => 0,
                Fixed64Type => 8,
                LengthDelimitedType => checked((int)ReadVarint(span, ref position)),
                Fixed32Type => 4,
                _ => throw new InvalidDataException($"Protobuf wire type {wireType} at byte {start} is not supported."),
            };
            if (wireType == VarintType)
            {
                value = ReadVarint(span, ref position);
            }
            else
            {
                if (length > span.Length - position)
                {
                    throw new InvalidDataException($"Protobuf field at byte {start} runs past the end of its message.");
                }
                payload = message.Slice(position, length);
                position += length;
            }
            fields.Add(new Field(checked((int)(tag >> 3)), wireType, value, payload, message[start..position]));
        }
        return fields;
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> span, ref int position)
    {
        var value = 0UL;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= span.Length)
            {
                throw new InvalidDataException("Protobuf varint runs past the end of its message.");
            }
            var b = span[position++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
        throw new InvalidDataException("Protobuf varint is longer than ten bytes.");
    }

    /// <summary>Writes fields in the order given; protobuf readers merge repeated fields wherever they appear.</summary>
    public sealed class Writer
    {
        private readonly ArrayBufferWriter<byte> _buffer;

        public Writer(int capacity = 256) => _buffer = new ArrayBufferWriter<byte>(capacity);

        public void Copy(Field field) => _buffer.Write(field.Encoded.Span);

        public void Varint(int number, ulong value)
        {
            WriteVarint((ulong)number << 3 | VarintType);
            WriteVarint(value);
        }

        public void Bytes(int number, ReadOnlySpan<byte> payload)
        {
            WriteVarint((ulong)number << 3 | LengthDelimitedType);
            WriteVarint((ulong)payload.Length);
            _buffer.Write(payload);
        }

        public void Text(int number, string value) => Bytes(number, System.Text.Encoding.UTF8.GetBytes(value));

        public ReadOnlySpan<byte> Written => _buffer.WrittenSpan;

        public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

        private void WriteVarint(ulong value)
        {
            Span<byte> bytes = stackalloc byte[10];
            var length = 0;
            while (value >= 0x80)
            {
                bytes[length++] = (byte)(value | 0x80);
                value >>= 7;
            }
            bytes[length++] = (byte)value;
            _buffer.Write(bytes[..length]);
        }
    }
}

using System.Buffers;

namespace Mirix.Core.Retrieval.Onnx;

/// <summary>
/// Memory over bytes the runtime already maps, such as an embedded resource, so that reading a 90 MB model does not first
/// copy it onto the managed heap. Valid only while whatever maps the bytes is alive.
/// </summary>
internal sealed unsafe class UnmanagedBytes(byte* start, int length) : MemoryManager<byte>
{
    public static UnmanagedBytes Of(UnmanagedMemoryStream stream) => new(stream.PositionPointer, checked((int)(stream.Length - stream.Position)));

    public override Span<byte> GetSpan() => new(start, length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(start + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}

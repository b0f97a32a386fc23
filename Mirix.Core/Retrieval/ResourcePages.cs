using System.Reflection;
using System.Runtime.InteropServices;

namespace Mirix.Core.Retrieval;

/// <summary>
/// Hands the pages holding an assembly's embedded resources back to the kernel once they have been read. The local models
/// ship inside their assemblies (87 MB for MiniLM); after ONNX Runtime has copied a model out, the pages it read stay
/// resident in the assembly's mapping for the life of the process. <c>MADV_PAGEOUT</c> reclaims them without losing
/// anything: file pages are read again from the assembly if touched, and any other page would go to swap.
/// </summary>
internal static partial class ResourcePages
{
    private const int MadvPageOut = 21; // Linux 5.4 and later; older kernels refuse it and the pages simply stay

    public static void Release(Assembly assembly)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }
        foreach (var name in assembly.GetManifestResourceNames())
        {
            using var stream = assembly.GetManifestResourceStream(name) as UnmanagedMemoryStream;
            if (stream is not null)
            {
                Release(stream);
            }
        }
    }

    private static unsafe void Release(UnmanagedMemoryStream stream)
    {
        // Only whole pages inside the resource: its neighbours in the mapping may be in use.
        var page = (nint)Environment.SystemPageSize;
        var start = (nint)stream.PositionPointer;
        var first = (start + page - 1) & ~(page - 1);
        var length = ((nint)stream.Length - (first - start)) & ~(page - 1);
        if (length > 0)
        {
            _ = NativeMethods.Madvise(first, length, MadvPageOut);
        }
    }

    private static partial class NativeMethods
    {
        [LibraryImport("libc", EntryPoint = "madvise")]
        internal static partial int Madvise(nint address, nint length, int advice);
    }
}

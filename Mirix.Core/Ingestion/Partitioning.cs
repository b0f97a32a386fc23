using System.Text;

namespace Mirix.Core.Ingestion;

/// <summary>
/// Maps a partition key to a partition with FNV-1a: stable across processes and runs (string.GetHashCode is not), so
/// every Api instance sends one user's messages to the same partition.
/// </summary>
public static class Partitioning
{
    public static int Of(string key, int partitions)
    {
        ArgumentNullException.ThrowIfNull(key);
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(key))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }
        return (int)(hash % (uint)partitions);
    }
}

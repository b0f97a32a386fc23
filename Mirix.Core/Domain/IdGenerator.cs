using System.Security.Cryptography;

namespace Mirix.Core.Domain;

/// <summary>
/// Ids in MIRIX's formats. Memory ids keep MIRIX's short, LLM-friendly prefix form but with 12 random characters
/// instead of 4, so they never collide in practice and need no collision check.
/// </summary>
public static class IdGenerator
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary><c>prefix-&lt;uuid&gt;</c>, e.g. <c>agent-…</c>, <c>block-…</c>, <c>message-…</c>.</summary>
    public static string Uuid(string prefix) => $"{prefix}-{Guid.NewGuid()}";

    /// <summary><c>prefix-&lt;8 hex&gt;</c>, as MIRIX names REST-created organizations, clients and users.</summary>
    public static string ShortHex(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary><c>prefix_&lt;12 chars&gt;</c> for memory rows (<c>ep_</c>, <c>sem_</c>, <c>proc_</c>, <c>res_</c>, <c>kv_</c>, <c>raw_mem_</c>).</summary>
    public static string Memory(string prefix) => prefix + "_" + RandomNumberGenerator.GetString(Alphabet, 12);
}

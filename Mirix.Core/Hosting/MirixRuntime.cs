using Mirix.Core.Storage;

namespace Mirix.Core.Hosting;

/// <summary>The infrastructure this process runs on, as chosen from configuration at start-up.</summary>
public sealed record MirixRuntime(StorageOptions Storage, bool RedisConfigured)
{
    /// <summary>One line for the start-up banner; it names places, never credentials.</summary>
    public string Describe() => $"storage: {Storage.Describe()}; redis: {(RedisConfigured ? "configured" : "not used")}";
}

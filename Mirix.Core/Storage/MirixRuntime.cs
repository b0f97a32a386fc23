namespace Mirix.Core.Storage;

/// <summary>The infrastructure this process runs on, as chosen from configuration at start-up.</summary>
public sealed record MirixRuntime(StorageOptions Storage, bool RedisConfigured)
{
    /// <summary>The connection string of Redis (Aspire's name for the resource).</summary>
    public const string RedisConnectionName = "redis";

    /// <summary>Whether this process hosts the queue consumers and the periodic jobs (the Api does in the embedded run).</summary>
    public const string HostWorkersKey = "Mirix:Workers:Enabled";

    /// <summary>One line for the start-up banner; it names places, never credentials.</summary>
    public string Describe() => $"storage: {Storage.Describe()}; redis: {(RedisConfigured ? "configured" : "not used")}";
}

namespace Mirix.AppHost;

/// <summary>How the AppHost provides PostgreSQL, Redis and Kafka; chosen by <c>Infra:Mode</c>.</summary>
internal enum InfrastructureMode
{
    /// <summary>The default: PostgreSQL (pgvector image), Redis and a Kafka broker as containers.</summary>
    Containers,
    /// <summary>Existing servers named by connection strings; declares no container at all.</summary>
    External,
    /// <summary>Containers were asked for but no container engine answers: declaring them would hang the AppHost.</summary>
    Unavailable,
}

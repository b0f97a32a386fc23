namespace Mirix.AppHost;

/// <summary>How the AppHost provides PostgreSQL, Redis and Kafka; chosen by <c>Infra:Mode</c>.</summary>
internal enum InfrastructureMode
{
    /// <summary>PostgreSQL (pgvector image), Redis and a Kafka broker as containers.</summary>
    Containers,
    /// <summary>PostgreSQL and Redis from the machine's own binaries and Kafka's development broker, as processes.</summary>
    Local,
    /// <summary>Existing servers named by connection strings; runs none itself.</summary>
    External,
    /// <summary>Containers were asked for but no container engine answers: declaring them would hang the AppHost.</summary>
    Unavailable,
}

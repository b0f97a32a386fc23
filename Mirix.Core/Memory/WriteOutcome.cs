namespace Mirix.Core.Memory;

public enum WriteFailure
{
    None,

    /// <summary>A value breaks the route's rules: missing, out of range, not an allowed value (422, as FastAPI's validation).</summary>
    Invalid,

    /// <summary>Well-formed, but it cannot be served as asked: a stale cursor, a missing prerequisite (400).</summary>
    Rejected,

    Forbidden,
    NotFound,
}

/// <summary>What a memory write did, or why it did nothing (mapped to 422, 400, 403 or 404 by the Api).</summary>
public sealed record WriteOutcome<T>(T? Value, WriteFailure Failure, string? Error);

public static class WriteOutcome
{
    public static WriteOutcome<T> Done<T>(T value) => new(value, WriteFailure.None, null);
    public static WriteOutcome<T> Fail<T>(WriteFailure failure, string error) => new(default, failure, error);
}

namespace Mirix.Core.Memory;

public enum WriteFailure
{
    None,
    Invalid,
    Forbidden,
    NotFound,
}

/// <summary>What a memory write did, or why it did nothing (mapped to 400, 403 or 404 by the Api).</summary>
public sealed record WriteOutcome<T>(T? Value, WriteFailure Failure, string? Error);

public static class WriteOutcome
{
    public static WriteOutcome<T> Done<T>(T value) => new(value, WriteFailure.None, null);
    public static WriteOutcome<T> Fail<T>(WriteFailure failure, string error) => new(default, failure, error);
}

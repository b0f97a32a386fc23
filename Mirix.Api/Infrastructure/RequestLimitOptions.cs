namespace Mirix.Api.Infrastructure;

/// <summary><c>Mirix:Api</c> request limits.</summary>
public sealed class RequestLimitOptions
{
    public const string Section = "Mirix:Api";
    public const long DefaultMaxBytes = 8 * 1024 * 1024;

    /// <summary>Bodies larger than this are refused with 413 before they are read.</summary>
    public long MaxRequestBodyBytes { get; set; } = DefaultMaxBytes;
}

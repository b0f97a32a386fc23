using Microsoft.Extensions.Configuration;

namespace Mirix.Core.Memory;

/// <summary>The raw-memory TTL (<c>Mirix:RawMemory:*</c>).</summary>
public sealed class RawMemoryRetentionOptions
{
    public const string Section = "Mirix:RawMemory";

    /// <summary>Raw memories not updated for this many days are deleted; 0 keeps them for ever.</summary>
    public int RetentionDays { get; set; } = 14;
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromHours(1);

    public static RawMemoryRetentionOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new RawMemoryRetentionOptions();
        configuration.GetSection(Section).Bind(options);
        if (options.RetentionDays < 0 || options.CleanupInterval <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{Section}: RetentionDays must be 0 or more and CleanupInterval positive.");
        }
        return options;
    }
}

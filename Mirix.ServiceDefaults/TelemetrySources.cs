namespace Microsoft.Extensions.Hosting;

/// <summary>Activity sources and meters exported by every Mirix process.</summary>
public static class TelemetrySources
{
    /// <summary>Our own sources are all named <c>Mirix.*</c>.</summary>
    public const string MirixPrefix = "Mirix.";

    public static readonly string[] ActivitySources =
    [
        MirixPrefix + "*",
        "Npgsql",
        "Experimental.Microsoft.Extensions.AI",
        "Microsoft.Extensions.AI",
        "Microsoft.SemanticKernel*",
    ];

    public static readonly string[] Meters =
    [
        MirixPrefix + "*",
        "Npgsql",
        "Microsoft.EntityFrameworkCore",
        "Experimental.Microsoft.Extensions.AI",
        "Microsoft.Extensions.AI",
        "Microsoft.SemanticKernel*",
    ];
}

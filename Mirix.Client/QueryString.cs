using System.Globalization;
using System.Text;

namespace Mirix.Client;

/// <summary>Query strings of the API's GET routes: parameters left null are left out, so the server's defaults apply.</summary>
internal static class QueryString
{
    public static string Build(string path, params (string Name, string? Value)[] parameters)
    {
        var builder = new StringBuilder(path);
        var separator = '?';
        foreach (var (name, value) in parameters)
        {
            if (value is null)
            {
                continue;
            }
            builder.Append(separator).Append(name).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }
        return builder.ToString();
    }

    public static string? Of(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    public static string? Of(double? value) => value?.ToString("R", CultureInfo.InvariantCulture);

    public static string? Of(bool? value) => value switch { true => "true", false => "false", null => null };

    public static string? Of(DateTimeOffset? value) => value?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}

using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;

namespace Mirix.AppHost;

/// <summary>Where Local mode keeps its servers' data and generated passwords; throw-away unless <c>Infra:Local:DataDirectory</c> names one.</summary>
internal sealed class LocalDataDirectory
{
    private LocalDataDirectory(string root, bool throwAway)
    {
        Root = root;
        IsThrowAway = throwAway;
    }

    public string Root { get; }

    public bool IsThrowAway { get; }

    public static LocalDataDirectory Resolve(IConfiguration configuration)
    {
        var configured = configuration["Infra:Local:DataDirectory"];
        var throwAway = string.IsNullOrWhiteSpace(configured);
        // Under /tmp by default: PostgreSQL runs as its own account when the AppHost runs as root and must reach the folder.
        var root = throwAway ? Path.Combine(Path.GetTempPath(), "mirix-local-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))) : Path.GetFullPath(configured!);
        Directory.CreateDirectory(root);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }
        return new LocalDataDirectory(root, throwAway);
    }

    /// <summary>A generated password kept beside the data it protects, so a kept data folder opens with the same one next time.</summary>
    public string Secret(string name)
    {
        var path = Path.Combine(Root, name + ".secret");
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        WritePrivate(path, secret);
        return secret;
    }

    /// <summary>Writes a file only its owner may read.</summary>
    public static string WritePrivate(string path, string content)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var writer = new StreamWriter(path, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), options))
        {
            writer.Write(content);
        }
        return path;
    }

    /// <summary>Removes a throw-away folder once the servers using it have stopped.</summary>
    public void RemoveIfThrowAway()
    {
        if (IsThrowAway && Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}

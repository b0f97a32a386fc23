using System.Security.Cryptography;

namespace Mirix.Api.Auth;

/// <summary>
/// Without a configured secret, one is generated once into the data folder, readable by this user only, so dashboard
/// tokens survive restarts. Read at start-up, never on a request.
/// </summary>
internal static class JwtSecretFile
{
    public static string LoadOrCreate(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, "jwt-secret");
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }
        Core.Storage.PrivateFiles.EnsureFolder(dataDirectory);
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
        File.WriteAllText(path, secret);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return secret;
    }
}

using System.Security.Cryptography;
using System.Text;

namespace Mirix.Core.Tenancy;

/// <summary>API keys: 32 random bytes shown once; only their SHA-256 (hex) is stored and looked up.</summary>
public static class ApiKeys
{
    private const string Prefix = "mirix_";

    public static string Generate() =>
        Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string rawKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(rawKey)));
}

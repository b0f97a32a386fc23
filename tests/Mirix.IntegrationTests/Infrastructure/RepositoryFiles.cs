namespace Mirix.IntegrationTests.Infrastructure;

/// <summary>Files of the repository the tests check against (the README, the committed OpenAPI document).</summary>
internal static class RepositoryFiles
{
    public static string Path(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Mirix.sln")))
            {
                return System.IO.Path.Combine([dir.FullName, .. parts]);
            }
        }
        throw new InvalidOperationException("Mirix.sln not found above the test binaries.");
    }
}

namespace Mirix.Benchmarks;

internal static class RepositoryPaths
{
    /// <summary>The repository root: the folder above this program that holds Mirix.sln.</summary>
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Mirix.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Run the benchmark from inside the Mirix.NET repository.");
    }
}

namespace ServiceFlow.Engine.Tests.Support;

internal static class RepoPaths
{
    /// <summary>The folder holding ServiceFlow.sln, found by walking up from the test binaries.</summary>
    public static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ServiceFlow.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("ServiceFlow.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public static string MiwgFolder => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "data", "bpmn-miwg"));
}

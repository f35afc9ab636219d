using System.Security.Cryptography;
using System.Text;

namespace ServiceFlow.Web.Data.Embedded;

/// Where the embedded cluster lives: `pg/` in the data folder, unless the server runs under another
/// account (ServiceFlow started as root) that cannot pass through one of the data folder's parents, as
/// with a clone in root's home folder (0700). Then the cluster goes to `/var/lib/serviceflow/<name>-<hash>/pg`
/// (one per data folder, root-owned and pass-through), as packaged servers keep their data under /var/lib;
/// `ServiceFlow:DatabaseFolder` chooses the place explicitly.
internal static class ClusterFolder
{
    public const string SystemRoot = "/var/lib/serviceflow";

    public static string For(string dataFolder, string? configured, OsAccount account, out string? why)
    {
        why = null;
        if (!string.IsNullOrWhiteSpace(configured))
            return Path.GetFullPath(configured);
        var inDataFolder = Path.Combine(dataFolder, "pg");
        if (!account.IsOtherAccount || FirstClosedParent(dataFolder) is not { } closed)
            return inDataFolder;
        why = $"the '{account.Name}' account the database server runs as cannot enter '{closed}'";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(dataFolder)))[..8];
        var name = new DirectoryInfo(Path.GetDirectoryName(dataFolder) ?? dataFolder).Name;
        PrivateFiles.Folder(SystemRoot, PrivateFiles.PassThroughFolder);
        var folder = PrivateFiles.Folder(Path.Combine(SystemRoot, $"{name}-{hash}"), PrivateFiles.PassThroughFolder);
        return Path.Combine(folder, "pg");
    }

    /// The first parent of <paramref name="folder"/> that other accounts may not pass through (no o+x).
    static string? FirstClosedParent(string folder)
    {
        if (OperatingSystem.IsWindows())
            return null;
        for (var dir = Directory.GetParent(folder); dir is not null; dir = dir.Parent)
        {
            if (dir.Exists && (File.GetUnixFileMode(dir.FullName) & UnixFileMode.OtherExecute) == 0)
                return dir.FullName;
        }
        return null;
    }
}

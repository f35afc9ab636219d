namespace ServiceFlow.Web.Data;

/// Files and folders only the ServiceFlow account may read: the database password, the key that protects
/// Data Protection keys, mail waiting in the pickup folder (survey links). Modes are set when the file is
/// created, so there is no moment in which another local account could open it.
internal static class PrivateFiles
{
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode OwnerOnlyFolder = OwnerOnly | UnixFileMode.UserExecute;

    /// Enterable (not listable) by others: the embedded server's own account must pass through to its cluster.
    public const UnixFileMode PassThroughFolder = OwnerOnlyFolder | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    /// Creates the folder (and its parents) or tightens an existing one to <paramref name="mode"/>.
    public static string Folder(string path, UnixFileMode mode = OwnerOnlyFolder)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return path;
        }
        Directory.CreateDirectory(path, mode);
        // An older version created it with the default 0755; an existing folder keeps its mode otherwise.
        File.SetUnixFileMode(path, mode);
        return path;
    }

    /// A 0600 stream for a new file (an existing file is truncated and tightened).
    public static FileStream Create(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = OwnerOnly;
        var stream = new FileStream(path, options);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(stream.SafeFileHandle, OwnerOnly);
        return stream;
    }

    public static void WriteAllText(string path, string text)
    {
        using var stream = Create(path);
        using var writer = new StreamWriter(stream);
        writer.Write(text);
    }

    public static void WriteAllBytes(string path, byte[] bytes)
    {
        using var stream = Create(path);
        stream.Write(bytes);
    }
}

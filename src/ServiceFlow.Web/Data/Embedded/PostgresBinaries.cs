namespace ServiceFlow.Web.Data.Embedded;

/// Where `initdb` and `pg_ctl` live: `SERVICEFLOW_PG_BIN`, then PATH, then the newest
/// `/usr/lib/postgresql/*/bin` (Debian and Ubuntu put the server binaries there, off PATH).
internal sealed record PostgresBinaries(string InitDb, string PgCtl)
{
    public static PostgresBinaries Find() => Find(CandidateDirectories());

    public static PostgresBinaries Find(IEnumerable<string> directories)
    {
        foreach (var dir in directories)
        {
            var initdb = Path.Combine(dir, "initdb");
            var pgctl = Path.Combine(dir, "pg_ctl");
            if (File.Exists(initdb) && File.Exists(pgctl))
                return new PostgresBinaries(initdb, pgctl);
        }
        throw new EmbeddedPostgresException(
            "No database is configured and no PostgreSQL server binaries (initdb, pg_ctl) were found " +
            "on PATH or under /usr/lib/postgresql/*/bin. Either install PostgreSQL " +
            "(Debian/Ubuntu: 'apt-get install postgresql'; or set SERVICEFLOW_PG_BIN to its bin folder), " +
            "or run everything with Docker: 'docker compose -f docker/compose.yml up'. " +
            "To use an existing server instead, set ConnectionStrings__ServiceFlow.");
    }

    static IEnumerable<string> CandidateDirectories()
    {
        var explicitDir = Environment.GetEnvironmentVariable("SERVICEFLOW_PG_BIN");
        if (!string.IsNullOrWhiteSpace(explicitDir))
            yield return explicitDir;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
            if (dir.Length > 0)
                yield return dir;
        const string debian = "/usr/lib/postgresql";
        if (Directory.Exists(debian))
        {
            var versions = Directory.GetDirectories(debian)
                .Select(d => (dir: d, version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                .OrderByDescending(x => x.version);
            foreach (var (dir, _) in versions)
                yield return Path.Combine(dir, "bin");
        }
    }
}

using System.Runtime.CompilerServices;

namespace ServiceFlow.Web.Tests.Infrastructure.Mail;

// Tests read the repository's own files (templates, scripts, golden files) rather than copies in bin/,
// so regenerated golden files land in the source tree.
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Templates => Path.Combine(Root, "templates");

    public static string SmtpSinkScript => Path.Combine(Root, "scripts", "mail", "smtp_sink.py");

    public static string TestsDirectory => Path.Combine(Root, "tests", "ServiceFlow.Web.Tests");

    private static string FindRoot([CallerFilePath] string thisFile = "")
    {
        for (var dir = Path.GetDirectoryName(thisFile); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "ServiceFlow.sln")))
            {
                return dir;
            }
        }

        throw new InvalidOperationException($"Cannot find ServiceFlow.sln above {thisFile}.");
    }
}

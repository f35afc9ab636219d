namespace ServiceFlow.Web.Runtime;

/// Deploys the shipped processes in `workflows/*.bpmn` at start. A file that did not change makes no
/// new version; an invalid file stops the start with its name and problems, not at first use. The files
/// they name (forms) are deployed first.
internal sealed class WorkflowDeployer(DefinitionStore store, IEnumerable<IWorkflowArtifacts> artifacts, IConfiguration configuration,
    ILogger<WorkflowDeployer> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var artifact in artifacts)
            await artifact.DeployShippedAsync(cancellationToken);
        var folder = configuration["ServiceFlow:WorkflowsFolder"] is { Length: > 0 } configured
            ? configured
            : Path.Combine(AppContext.BaseDirectory, "workflows");
        if (!Directory.Exists(folder))
            return;
        foreach (var file in Directory.GetFiles(folder, "*.bpmn").Order(StringComparer.Ordinal))
        {
            try
            {
                var result = await store.PublishAsync(await File.ReadAllTextAsync(file, cancellationToken), "system", cancellationToken);
                if (result.Created)
                    log.LogInformation("Deployed {File} as {Key} version {Version}", Path.GetFileName(file), result.Definition.Key, result.Definition.Version);
            }
            catch (WorkflowInvalidException ex)
            {
                throw new InvalidOperationException($"The shipped workflow {file} is not executable: {ex.Message}", ex);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

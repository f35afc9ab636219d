using ServiceFlow.Engine.Execution;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Sla;

/// Applies `sf:clock` actions (the engine's ClockAction effects) to the instance's business key,
/// inside the step's transaction, so a clock starts or stops exactly when its node is entered.
internal sealed class SlaClockObserver(SlaClocks clocks) : IStepObserver
{
    public async Task OnStepAsync(StepContext ctx, ProcessInstance instance, StepResult result)
    {
        if (instance.BusinessKey is not { } key)
            return;
        foreach (var action in result.Effects.OfType<ClockAction>())
        {
            var reason = $"{action.Action} at {action.ActivityId}";
            switch (action.Action)
            {
                case "start":
                    await clocks.StartAsync(ctx, key, action.Clock, reason);
                    break;
                case "pause":
                    await clocks.PauseAsync(ctx, key, action.Clock, reason);
                    break;
                case "resume":
                    await clocks.ResumeAsync(ctx, key, action.Clock, reason);
                    break;
                case "stop":
                    await clocks.StopAsync(ctx, key, action.Clock, reason);
                    break;
            }
        }
    }
}

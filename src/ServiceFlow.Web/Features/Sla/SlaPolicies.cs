namespace ServiceFlow.Web.Features.Sla;

/// Saving a policy writes its next version; fields left out keep the previous version's value.
internal static class SlaPolicies
{
    public static SlaPolicy? NextVersion(string key, SlaPolicy? latest, SavePolicyRequest r, DateTimeOffset now, string? by, out string? problem)
    {
        problem = null;
        var priority = (r.Priority ?? latest?.Priority)?.ToUpperInvariant();
        if (priority is not ("P1" or "P2" or "P3" or "P4"))
            return Fail(out problem, $"Priority '{priority}' is not one of P1, P2, P3, P4.");
        if (!Duration(r.FirstResponse, latest?.FirstResponse, out var response))
            return Fail(out problem, $"firstResponse '{r.FirstResponse}' is not a positive ISO 8601 duration such as PT15M (P1D is one working day).");
        if (!Duration(r.Resolution, latest?.Resolution, out var resolution))
            return Fail(out problem, $"resolution '{r.Resolution}' is not a positive ISO 8601 duration such as PT4H or P3D (three working days).");
        TimeSpan? updateEvery = latest?.UpdateEvery;
        if (r.UpdateEvery is { } every)
        {
            if (Iso.TryParse(every, out var u))
                updateEvery = u;
            else if (every.Trim().Length == 0)
                updateEvery = null;
            else
                return Fail(out problem, $"updateEvery '{every}' is not a positive ISO 8601 duration such as PT2H; leave it empty for no progress updates.");
        }
        var percents = r.WarningPercents ?? latest?.WarningPercents ?? [75, 90];
        if (percents.Any(p => p is <= 0 or >= 100))
            return Fail(out problem, "Warning thresholds are percentages between 1 and 99.");
        var escalations = r.Escalations ?? latest?.Escalations ?? [];
        var bad = escalations.FirstOrDefault(e => SlaLadder.Parse([e]) is not [var s] || !SlaLadder.IsValid(s.At));
        if (bad is not null)
            return Fail(out problem, $"Escalation '{bad}' should read like 'warning90=group:Supervisor' or 'breach+PT1H=user:alice'.");
        return new SlaPolicy
        {
            Key = key,
            Version = (latest?.Version ?? 0) + 1,
            Priority = priority,
            ServiceType = r.ServiceType ?? latest?.ServiceType,
            FirstResponse = response,
            Resolution = resolution,
            UpdateEvery = updateEvery,
            Calendar = r.Calendar ?? latest?.Calendar ?? "default",
            WarningPercents = [.. percents.Distinct().Order()],
            Escalations = escalations,
            PauseStates = r.PauseStates ?? latest?.PauseStates ?? ["WaitingForCustomer", "WaitingForVendor"],
            // P1 is mailed at any hour unless someone says otherwise; the rest waits for working hours.
            MailAnyHour = r.MailAnyHour ?? latest?.MailAnyHour ?? priority == "P1",
            CreatedAt = now,
            CreatedBy = by,
        };
    }

    static bool Duration(string? text, TimeSpan? previous, out TimeSpan value)
    {
        if (text is null && previous is { } p)
        {
            value = p;
            return true;
        }
        return Iso.TryParse(text, out value);
    }

    static SlaPolicy? Fail(out string? problem, string message)
    {
        problem = message;
        return null;
    }
}

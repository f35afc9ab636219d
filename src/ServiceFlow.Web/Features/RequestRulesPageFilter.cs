using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace ServiceFlow.Web.Features;

/// RequestRules for the pages: the handler's arguments and the page's bound properties (a form's input
/// model) are checked like an API request; a refusal is a 400 ProblemDetails naming the field.
internal sealed class RequestRulesPageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (name, value) in context.HandlerArguments)
            RequestRules.Check(name, value, TextLimits.Text, errors, 0, required: false);
        foreach (var property in context.HandlerInstance.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<BindPropertyAttribute>() is not null)
                RequestRules.Check(JsonNamingPolicy.CamelCase.ConvertName(property.Name), property.GetValue(context.HandlerInstance),
                    property.GetCustomAttribute<System.ComponentModel.DataAnnotations.MaxLengthAttribute>()?.Length ?? TextLimits.Text, errors, 0, required: false);
        }
        if (errors.Count > 0)
        {
            context.Result = new BadRequestObjectResult(new ValidationProblemDetails(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()))
            {
                Title = "Invalid request",
                Detail = string.Join(" ", errors.SelectMany(e => e.Value)),
                Status = StatusCodes.Status400BadRequest,
            });
            return;
        }
        await next();
    }
}

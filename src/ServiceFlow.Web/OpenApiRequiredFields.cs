using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ServiceFlow.Web;

/// The OpenAPI document lists as required exactly the fields the API refuses to go without (`[Required]`,
/// enforced by Features.RequestRules). Left alone, every record constructor parameter would be listed,
/// optional ones included, and a client (or the fuzz test) could not tell what it may leave out.
internal static class OpenApiRequiredFields
{
    public static Task ApplyAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        var type = context.JsonTypeInfo.Type;
        if (type.Assembly != typeof(OpenApiRequiredFields).Assembly || schema.Properties is not { Count: > 0 })
            return Task.CompletedTask;
        var required = context.JsonTypeInfo.Properties
            .Where(p => p.AttributeProvider?.GetCustomAttributes(typeof(RequiredAttribute), true).Length > 0)
            .Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        schema.Required = required;
        return Task.CompletedTask;
    }
}

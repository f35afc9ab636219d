using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Forms;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Inbox;

/// The body of `POST /api/tasks/{id}/complete`: JSON `{ "variables": {…} }` (or none), or multipart with a
/// `variables` part holding that JSON's variables object and one part per file field of the task's form.
internal static class TaskCompletions
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<(TasksApi.CompleteRequest? Request, IReadOnlyList<UploadedFile> Files)> ReadAsync(HttpContext http, Guid id,
        ServiceFlowDbContext db, TaskForms forms, CancellationToken ct)
    {
        var request = http.Request;
        if (request.HasFormContentType)
        {
            if (FormUploads.Limit(http, forms.Attachments) is { } tooLarge)
                throw tooLarge;
            var task = await db.UserTasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, ct)
                ?? throw RuntimeProblem.NotFound($"There is no task {id}.");
            var schema = (await forms.OfAsync(db, task, ct))?.Schema
                ?? throw RuntimeProblem.BadRequest($"Task '{task.Name}' has no form with file fields; send its variables as JSON.");
            var form = await FormUploads.ReadFormAsync(request, forms.Attachments, ct);
            var variables = form["variables"].ToString() is { Length: > 0 } text ? Parse<Dictionary<string, JsonElement>>(text) : [];
            return (new TasksApi.CompleteRequest(variables), await FormUploads.ReadAsync(form, schema, forms.Attachments, ct));
        }
        if (request.ContentLength == 0 || (request.ContentType is null && request.ContentLength is null))
            return (null, []);
        if (!request.HasJsonContentType())
            throw new RuntimeProblem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                "Send the variables as application/json, or as multipart/form-data when the form has file fields.");
        try
        {
            return (await request.ReadFromJsonAsync<TasksApi.CompleteRequest>(ct), []);
        }
        catch (JsonException ex)
        {
            throw RuntimeProblem.BadRequest($"The body is not valid JSON: {ex.Message}");
        }
    }

    static T? Parse<T>(string text)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(text, Json);
        }
        catch (JsonException ex)
        {
            throw RuntimeProblem.BadRequest($"The variables are not valid JSON: {ex.Message}");
        }
    }
}

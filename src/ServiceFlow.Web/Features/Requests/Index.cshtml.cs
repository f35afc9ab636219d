using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ServiceFlow.Web.Features.Requests;

/// `/requests`: the requests the person made and where each one is now; after a request, which one it was.
[Authorize(Policy = Policies.Staff)]
internal sealed class IndexModel(MyRequests mine) : PageModel
{
    public IReadOnlyList<MyRequests.Item> Items { get; private set; } = [];
    public MyRequests.Item? Started { get; private set; }

    public async Task OnGetAsync(Guid? started, CancellationToken ct)
    {
        Items = await mine.ListAsync(User, ct);
        Started = started is { } id ? Items.FirstOrDefault(i => i.InstanceId == id) : null;
    }
}

using MimeKit;
using ServiceFlow.Web.Tests.Decisions;
using ServiceFlow.Web.Tests.Infrastructure;
using ServiceFlow.Web.Tests.Infrastructure.Mail;
using ServiceFlow.Web.Tests.Runtime;

namespace ServiceFlow.Web.Tests.Security;

/// The host the attacks are replayed on: after-sales tickets go to the front line's group (so technical
/// support has tickets it may not see), mail lands as .eml files in a folder of its own (read like the
/// customer's inbox), and the callback survey invites after one second instead of one business hour.
public sealed class AttackApp : ServiceFlowApp
{
    public string MailFolder { get; } = TempFolder.Create("attack-mail");

    protected override IEnumerable<(string Key, string Value)> ExtraSettings() =>
        [("Email:PickupFolder", MailFolder), ("ServiceFlow:PublicUrl", "http://localhost"), ("Runtime:SweepSeconds", "1")];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await DecisionTables.PublishAsync(CreateAdminApiClient(), "routing", DecisionTables.RoutingWith("after-sales", "FrontLine"));
        var xml = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "workflows", "callback-survey.bpmn"));
        await new RuntimeClient(CreateAdminApiClient()).PublishAsync(xml
            .Replace("<timeDuration>PT1H</timeDuration>", "<timeDuration>PT1S</timeDuration>", StringComparison.Ordinal)
            .Replace("name=\"Wait one business hour\" sf:calendar=\"default\"", "name=\"Wait one second\"", StringComparison.Ordinal));
    }

    /// The survey invitation sent to `address`, as the customer receives it.
    public async Task<MimeMessage> InvitationToAsync(string address)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < until)
        {
            foreach (var file in Directory.EnumerateFiles(MailFolder, "*.eml"))
            {
                var message = await MimeMessage.LoadAsync(file);
                if (message.To.Mailboxes.Any(m => m.Address == address) && message.TextBody?.Contains("/survey/", StringComparison.Ordinal) == true)
                    return message;
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"No survey invitation to {address} arrived in {MailFolder}.");
    }
}

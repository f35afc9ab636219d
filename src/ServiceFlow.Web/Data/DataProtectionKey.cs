using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.EntityFrameworkCore;

namespace ServiceFlow.Web.Data;

/// Data Protection keys live in the database so cookies, bearer tokens and signed survey
/// links made by one node are accepted by every other node and survive restarts. Their secrets are
/// encrypted with a certificate kept outside the database (KeyProtection).
public sealed class DataProtectionKey
{
    public int Id { get; set; }
    public string FriendlyName { get; set; } = "";
    public string Xml { get; set; } = "";
}

internal sealed class DbXmlRepository(IServiceScopeFactory scopes) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
        return db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToList().Select(XElement.Parse).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
        db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }
}

/// Keys written before keys were encrypted at rest carry their secret in plain text (elements marked
/// requiresEncryption). At start-up they are encrypted in place with the configured certificate, the way
/// Data Protection encrypts a new key, so cookies and survey links made with them keep working.
internal static class PlainKeyUpgrade
{
    static readonly XNamespace DataProtectionNs = "http://schemas.asp.net/2015/03/dataProtection";
    static readonly XName RequiresEncryption = DataProtectionNs + "requiresEncryption";
    static readonly XName EncryptedSecret = DataProtectionNs + "encryptedSecret";

    public static async Task<int> EncryptPlainKeysAsync(ServiceFlowDbContext db, IXmlEncryptor encryptor, CancellationToken ct = default)
    {
        var upgraded = 0;
        foreach (var row in await db.DataProtectionKeys.ToListAsync(ct))
        {
            var key = XElement.Parse(row.Xml);
            var plain = key.Descendants().Where(e => (string?)e.Attribute(RequiresEncryption) == "true").ToList();
            foreach (var secret in plain)
            {
                var encrypted = encryptor.Encrypt(new XElement(secret));
                secret.ReplaceWith(new XElement(EncryptedSecret,
                    new XAttribute("decryptorType", encrypted.DecryptorType.AssemblyQualifiedName!), encrypted.EncryptedElement));
            }
            if (plain.Count == 0)
                continue;
            row.Xml = key.ToString(SaveOptions.DisableFormatting);
            upgraded++;
        }
        await db.SaveChangesAsync(ct);
        return upgraded;
    }
}

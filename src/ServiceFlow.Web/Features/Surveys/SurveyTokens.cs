using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace ServiceFlow.Web.Features.Surveys;

/// The survey link: `{survey id}.{nonce}` protected with Data Protection (keys in the database, so
/// every node can read it) and a time limit. Tampered, truncated or expired tokens read as null.
internal sealed class SurveyTokens(IDataProtectionProvider provider)
{
    readonly ITimeLimitedDataProtector protector = provider.CreateProtector(SurveyRules.DataProtectionPurpose).ToTimeLimitedDataProtector();

    public static string NewNonce() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    public string Create(Guid surveyId, string nonce, DateTimeOffset expires) => protector.Protect($"{surveyId:N}.{nonce}", expires);

    public (Guid SurveyId, string Nonce)? Read(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 1000)
            return null;
        string payload;
        try
        {
            payload = protector.Unprotect(token);
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            return null;
        }
        var parts = payload.Split('.');
        return parts.Length == 2 && Guid.TryParseExact(parts[0], "N", out var id) ? (id, parts[1]) : null;
    }

    public static bool NonceMatches(string stored, string presented) =>
        CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(stored), System.Text.Encoding.ASCII.GetBytes(presented));
}

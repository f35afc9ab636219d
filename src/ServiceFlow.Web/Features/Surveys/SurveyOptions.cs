using System.ComponentModel.DataAnnotations;

namespace ServiceFlow.Web.Features.Surveys;

/// Configuration section `Surveys` (docs/surveys.md).
internal sealed class SurveyOptions
{
    public const string Section = "Surveys";

    /// The shipped workflow that POST /api/surveys starts.
    [Required]
    public string WorkflowKey { get; set; } = "callback-survey";

    /// How long a link is valid; match the workflow's expiry timer (P14D).
    [Range(1, 365)]
    public int ValidForDays { get; set; } = 14;

    /// Scores at or below this open a follow-up task for the supervisor (variable `followUpThreshold`).
    [Range(0, 5)]
    public int FollowUpThreshold { get; set; } = 2;
}

internal static class SurveyRules
{
    public const int MinScore = 1;
    public const int MaxScore = 5;
    public const int MaxCommentLength = 2000;
    public const string AnswerMessage = "survey-answer";
    public const string DataProtectionPurpose = "survey";

    public static bool IsValidScore(int score) => score is >= MinScore and <= MaxScore;

    public static string? CleanComment(string? comment)
    {
        var trimmed = comment?.Trim();
        if (string.IsNullOrEmpty(trimmed))
            return null;
        return trimmed.Length <= MaxCommentLength ? trimmed : trimmed[..MaxCommentLength];
    }
}

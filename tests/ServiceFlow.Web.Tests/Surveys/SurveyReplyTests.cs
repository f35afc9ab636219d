using ServiceFlow.Web.Features.Surveys;

namespace ServiceFlow.Web.Tests.Surveys;

public sealed class SurveyReplyTests
{
    [Theory]
    [InlineData("2", 2, null)]
    [InlineData("  5\r\n", 5, null)]
    [InlineData("4 - quick and friendly", 4, "quick and friendly")]
    [InlineData("1。太慢了\n\n在 2026年11月23日，服务台 写道：\n> 请评价", 1, "太慢了")]
    [InlineData("3\n\nOn Monday the desk wrote:\n> How did we do?", 3, null)]
    public void Parse_ReadsALeadingScore_AndTheCommentAboveTheQuote(string text, int score, string? comment) =>
        SurveyReply.Parse(text).Should().Be((score, comment));

    [Theory]
    [InlineData("")]
    [InlineData("Thanks for fixing it")]
    [InlineData("0")]
    [InlineData("6 stars")]
    [InlineData("10/10")]
    [InlineData("2026 was a good year")]
    public void Parse_IgnoresBodiesThatDoNotStartWithAScore(string text) => SurveyReply.Parse(text).Should().BeNull();
}

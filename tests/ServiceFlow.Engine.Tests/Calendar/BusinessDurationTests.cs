using ServiceFlow.Engine.Calendar;

namespace ServiceFlow.Engine.Tests.Calendar;

public class BusinessDurationTests
{
    [Theory]
    [InlineData("P1D", 1, 0)]
    [InlineData("PT24H", 1, 0)]
    [InlineData("P1DT3H", 1, 3)]
    [InlineData("PT27H", 1, 3)]
    [InlineData("PT10H", 0, 10)]
    [InlineData("P1W", 7, 0)]
    [InlineData("PT15M", 0, 0.25)]
    public void TryParse_ReadsWhole24HoursAsWorkingDays(string text, int days, double hours)
    {
        BusinessDuration.TryParse(text, out var duration).Should().BeTrue();

        duration.Should().Be(new BusinessDuration(days, TimeSpan.FromHours(hours)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("4 hours")]
    [InlineData("-PT1H")]
    [InlineData("P1M")]
    [InlineData("P1Y2D")]
    public void TryParse_RefusesWhatIsNotADurationInWorkingDays(string text)
    {
        BusinessDuration.TryParse(text, out _).Should().BeFalse();
    }

    [Theory]
    [InlineData(1, 3, "P1DT3H")]
    [InlineData(3, 0, "P3D")]
    [InlineData(0, 0.75, "PT45M")]
    [InlineData(0, 0, "PT0S")]
    public void ToString_WritesIsoThatParsesBack(int days, double hours, string expected)
    {
        var duration = new BusinessDuration(days, TimeSpan.FromHours(hours));

        duration.ToString().Should().Be(expected);
        BusinessDuration.TryParse(expected, out var back).Should().BeTrue();
        back.Should().Be(duration);
        BusinessDuration.FromTimeSpan(duration.ToTimeSpan()).Should().Be(duration);
    }
}

using ServiceFlow.Engine.Calendar;
using static ServiceFlow.Engine.Tests.Calendar.Hours;

namespace ServiceFlow.Engine.Tests.Calendar;

public class BusinessCalendarRegistryTests
{
    private static readonly BusinessCalendar Office = new("office", weeklyHours: MondayToFriday("09:00-17:00"));
    private readonly BusinessCalendarRegistry registry = new(BusinessCalendar.Default, [Office]);

    [Fact]
    public void Add_UsesDefaultCalendar_WhenNoNameIsGiven()
    {
        registry.Add(At("2025-03-07T16:30+08:00"), TimeSpan.FromHours(1), null).Should().Be(At("2025-03-08T08:30+08:00"));
        registry.Get("").Should().BeSameAs(BusinessCalendar.Default);
    }

    [Fact]
    public void Add_UsesNamedCalendar_IgnoringCase()
    {
        registry.Add(At("2025-03-07T16:30+08:00"), TimeSpan.FromHours(1), "Office").Should().Be(At("2025-03-10T09:30+08:00"));
        registry.Contains("OFFICE").Should().BeTrue();
    }

    [Fact]
    public void Get_Throws_WithKnownNames_WhenNameIsUnknown()
    {
        var act = () => registry.Get("night-shift");

        act.Should().Throw<KeyNotFoundException>().WithMessage("*'night-shift'*known: default, office*");
    }

    [Fact]
    public void Constructor_Throws_WhenTwoCalendarsShareAName()
    {
        var act = () => new BusinessCalendarRegistry(Office, [new BusinessCalendar("OFFICE")]);

        act.Should().Throw<ArgumentException>().WithMessage("*named 'OFFICE'*");
    }
}

using CircularPlatform.Events.Model;

namespace CircularPlatform.Events.Tests;

public sealed class EventLifecycleTests
{
    [Theory]
    [InlineData(EventStatus.Draft, EventMove.Schedule, EventStatus.Scheduled)]
    [InlineData(EventStatus.Scheduled, EventMove.Reschedule, EventStatus.Scheduled)]
    [InlineData(EventStatus.Scheduled, EventMove.Cancel, EventStatus.Cancelled)]
    [InlineData(EventStatus.Scheduled, EventMove.Complete, EventStatus.Completed)]
    public void The_moves_of_an_event_s_life_are_allowed(EventStatus from, EventMove move, EventStatus to)
    {
        Assert.True(EventLifecycle.Allows(from, move, out var reason));
        Assert.Null(reason);
        Assert.Equal(to, EventLifecycle.After(move));
    }

    [Theory]
    [InlineData(EventStatus.Draft, EventMove.Reschedule, "schedule it")]
    [InlineData(EventStatus.Draft, EventMove.Cancel, "never announced")]
    [InlineData(EventStatus.Draft, EventMove.Complete, "never took place")]
    [InlineData(EventStatus.Scheduled, EventMove.Schedule, "already scheduled")]
    [InlineData(EventStatus.Cancelled, EventMove.Schedule, "stays cancelled")]
    [InlineData(EventStatus.Cancelled, EventMove.Reschedule, "stays cancelled")]
    [InlineData(EventStatus.Cancelled, EventMove.Complete, "stays cancelled")]
    [InlineData(EventStatus.Cancelled, EventMove.Cancel, "stays cancelled")]
    [InlineData(EventStatus.Completed, EventMove.Cancel, "attendance is final")]
    [InlineData(EventStatus.Completed, EventMove.Reschedule, "attendance is final")]
    [InlineData(EventStatus.Completed, EventMove.Complete, "attendance is final")]
    public void An_illegal_move_is_refused_with_its_reason(EventStatus from, EventMove move, string inReason)
    {
        Assert.False(EventLifecycle.Allows(from, move, out var reason));
        Assert.Contains(inReason, reason);
    }

    [Fact]
    public void Every_status_and_move_has_an_answer()
    {
        foreach (var status in Enum.GetValues<EventStatus>())
        {
            foreach (var move in Enum.GetValues<EventMove>())
            {
                var allowed = EventLifecycle.Allows(status, move, out var reason);
                Assert.True(allowed ^ !string.IsNullOrWhiteSpace(reason), $"{status} {move}");
            }
        }
    }
}

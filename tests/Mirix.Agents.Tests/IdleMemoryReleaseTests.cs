using Mirix.Core.Hosting;

namespace Mirix.Agents.Tests;

public sealed class IdleMemoryReleaseTests
{
    private const long Mb = 1L << 20;
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(0, 400, 46, false, true)] // quiet, 354 MB beyond the live heap: release
    [InlineData(150, 400, 46, false, true)] // 1.5 % of a core is still quiet
    [InlineData(300, 400, 46, false, false)] // 3 % of a core: busy, never under load
    [InlineData(0, 100, 46, false, false)] // 54 MB of slack is not worth a full collection
    [InlineData(0, 400, 46, true, false)] // already released in this quiet spell
    public void Releases_only_when_quiet_with_enough_slack_and_once_per_quiet_spell(int cpuMs, long committedMb, long liveMb, bool released, bool expected) =>
        Assert.Equal(expected, IdleMemoryRelease.ShouldRelease(TimeSpan.FromMilliseconds(cpuMs), Tick, committedMb * Mb, liveMb * Mb, released));

    [Fact]
    public void An_empty_interval_is_never_taken_for_quiet() =>
        Assert.False(IdleMemoryRelease.ShouldRelease(TimeSpan.Zero, TimeSpan.Zero, 400 * Mb, 46 * Mb, releasedSinceLastActivity: false));
}

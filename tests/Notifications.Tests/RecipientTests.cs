using CircularPlatform.Contracts.IntegrationEvents;
using CircularPlatform.Notifications.Infrastructure;
using CircularPlatform.Notifications.Model;
using CircularPlatform.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CircularPlatform.Notifications.Tests;

/// <summary>The copy of a member as the facts from Members arrive, in any order.</summary>
public sealed class RecipientRulesTests
{
    private static readonly Guid Camille = Guid.NewGuid();
    private static readonly DateTimeOffset Monday = new(2030, 11, 4, 9, 0, 0, TimeSpan.Zero);

    private static MemberJoined Joined(DateTimeOffset at) => new()
    {
        MemberId = Camille, DisplayName = "Camille Dupont", Email = "camille@recyclerie.test", Language = "fr",
        Themes = ["bio-waste"], Role = "member", OccurredAt = at,
    };

    private static MemberProfileChanged Changed(DateTimeOffset at, string name) => new()
    {
        MemberId = Camille, DisplayName = name, Email = "camille@recyclerie.test", Language = "en",
        Themes = ["bio-waste", "textiles"], Preferences = new NotificationPreferences { EventAnnouncements = false }, OccurredAt = at,
    };

    [Fact]
    public void A_profile_change_that_overtook_the_joining_is_not_undone_by_it()
    {
        var recipient = Recipient.Unknown(Camille);

        recipient.ProfileChanged(Changed(Monday.AddHours(1), "Camille Martin"));
        recipient.Joined(Joined(Monday));

        Assert.True(recipient.Active);
        Assert.Equal(("Camille Martin", "en", false), (recipient.DisplayName, recipient.Language, recipient.Preferences.EventAnnouncements));
        Assert.Equal(["bio-waste", "textiles"], recipient.Themes);
    }

    [Fact]
    public void A_suspension_stands_against_an_older_joining_and_a_newer_one_lifts_it()
    {
        var recipient = Recipient.Unknown(Camille);

        recipient.Left(new MemberLeft { MemberId = Camille, Reason = "suspended: spam", OccurredAt = Monday.AddHours(1) });
        recipient.Joined(Joined(Monday));
        Assert.False(recipient.Active);
        Assert.Equal("Camille Dupont", recipient.DisplayName);

        recipient.Joined(Joined(Monday.AddDays(1)));
        Assert.True(recipient.Active);
    }

    [Fact]
    public void Erasure_keeps_nothing_personal_and_no_late_fact_brings_it_back()
    {
        var recipient = Recipient.Unknown(Camille);
        recipient.Joined(Joined(Monday));

        recipient.Left(new MemberLeft { MemberId = Camille, Reason = "erasure requested", Erased = true, OccurredAt = Monday.AddHours(2) });
        recipient.ProfileChanged(Changed(Monday.AddHours(3), "Camille Martin"));
        recipient.Joined(Joined(Monday.AddHours(4)));

        Assert.Equal((false, true, null, null), (recipient.Active, recipient.Erased, recipient.DisplayName, recipient.Email));
        Assert.Empty(recipient.Themes);
    }
}

/// <summary>The consumers keep the copy in the database, on either database.</summary>
public abstract class RecipientCopyTests : IAsyncLifetime
{
    private ServiceFactory<Program> _factory = null!;

    protected abstract Task<string?> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        _factory = new ServiceFactory<Program>("notificationsdb", await CreateDatabaseAsync());
        _ = _factory.CreateClient();
        await _factory.Harness.Start();
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Members_facts_keep_the_copy_and_erasure_empties_it()
    {
        var id = Guid.NewGuid();
        var joinedAt = DateTimeOffset.UtcNow.AddMinutes(-5);
        await _factory.Harness.Bus.Publish(new MemberJoined
        {
            MemberId = id, DisplayName = "Camille Dupont", Email = "camille@recyclerie.test", Language = "fr", Themes = ["bio-waste"], Role = "member", OccurredAt = joinedAt,
        });
        await UntilAsync(id, r => r is { Active: true, DisplayName: "Camille Dupont" }, "the member to be copied");

        await _factory.Harness.Bus.Publish(new MemberProfileChanged
        {
            MemberId = id, DisplayName = "Camille Martin", Email = "camille.martin@recyclerie.test", Language = "en", Themes = ["textiles"], OccurredAt = joinedAt.AddMinutes(1),
        });
        var changed = await UntilAsync(id, r => r?.DisplayName == "Camille Martin", "the new profile to be copied");
        Assert.Equal(("camille.martin@recyclerie.test", "en"), (changed.Email, changed.Language));
        Assert.Equal(["textiles"], changed.Themes);

        await _factory.Harness.Bus.Publish(new MemberLeft { MemberId = id, Reason = "erasure requested", Erased = true, OccurredAt = joinedAt.AddMinutes(2) });
        var erased = await UntilAsync(id, r => r?.Erased == true, "the erasure");
        Assert.Equal((null, null, false), (erased.DisplayName, erased.Email, erased.Active));
    }

    private async Task<Recipient> UntilAsync(Guid id, Func<Recipient?, bool> condition, string what)
    {
        Recipient? found = null;
        await Wait.UntilAsync(async () =>
        {
            using var scope = _factory.Services.CreateScope();
            found = await scope.ServiceProvider.GetRequiredService<NotificationsContext>().Recipients.AsNoTracking().SingleOrDefaultAsync(r => r.MemberId == id);
            return condition(found);
        }, what, TimeSpan.FromSeconds(60));
        return found!;
    }
}

public sealed class RecipientCopyOnSqliteTests : RecipientCopyTests
{
    protected override Task<string?> CreateDatabaseAsync() => Task.FromResult<string?>(null);
}

public sealed class RecipientCopyOnPostgresTests(PostgresFixture postgres) : RecipientCopyTests, IClassFixture<PostgresFixture>
{
    protected override async Task<string?> CreateDatabaseAsync() => await postgres.CreateDatabaseAsync();
}

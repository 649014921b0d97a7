using CircularPlatform.Contracts;
using CircularPlatform.Members.IntegrationEvents;
using CircularPlatform.Members.Model;
using CircularPlatform.ServiceDefaults.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CircularPlatform.Members.Infrastructure.Identity;

/// <summary>
/// On a first start the club has nobody to approve anyone: the administrator named in
/// configuration is created then, once. There is no default password; without one configured,
/// the service starts and says how to create the first administrator.
/// </summary>
internal sealed partial class FirstAdmin(IServiceProvider services, IOptions<FirstAdminOptions> options, ILogger<FirstAdmin> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MembersContext>();
        if (await db.Members.AnyAsync(m => m.Role == ClubRoles.Admin && m.Status == MemberStatus.Approved, cancellationToken))
        {
            return;
        }
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.Email) || string.IsNullOrEmpty(settings.Password))
        {
            LogNoAdmin(logger);
            return;
        }

        var email = EmailAddress.Normalise(settings.Email)
            ?? throw new InvalidOperationException($"{FirstAdminOptions.Section}:Email is not an email address.");
        if (await db.Members.AnyAsync(m => m.Email == email, cancellationToken))
        {
            // Someone signed up with that address: they are not made an administrator behind their back.
            LogEmailTaken(logger, email);
            return;
        }
        var accounts = scope.ServiceProvider.GetRequiredService<UserManager<MemberAccount>>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var admin = Member.FirstAdmin(
            new MemberProfile(settings.DisplayName, email, null, Languages.French, [], new NotificationSettings(), DirectoryListing: false, Newsletter: false),
            clock.GetUtcNow().UtcDateTime);
        db.Members.Add(admin);
        db.AddIntegrationEvent(MemberEventsFactory.Joined(admin));
        IdentityResult created;
        try
        {
            created = await accounts.CreateAsync(new MemberAccount { Id = admin.Id, UserName = email, Email = email, EmailConfirmed = true }, settings.Password);
        }
        catch (DbUpdateException)
        {
            // Replicas starting together on one database: the first one created the administrator.
            if (await AnotherReplicaCreatedItAsync(scope.ServiceProvider, email, cancellationToken))
            {
                return;
            }
            throw;
        }
        if (created.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName)))
        {
            return;
        }
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(
                $"The first administrator could not be created: {string.Join(" ", created.Errors.Select(e => e.Description))}");
        }
        LogCreated(logger, email);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static async Task<bool> AnotherReplicaCreatedItAsync(IServiceProvider scope, string email, CancellationToken cancellationToken)
    {
        // The failed context still holds the unsaved rows; a fresh one reads what was committed.
        await using var fresh = scope.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        var db = fresh.ServiceProvider.GetRequiredService<MembersContext>();
        return await db.Members.AnyAsync(m => m.Email == email, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The first administrator's address {Email} belongs to a member already; make them an administrator with PUT /api/members/{{id}}/role, or configure another address")]
    private static partial void LogEmailTaken(ILogger logger, string email);

    [LoggerMessage(Level = LogLevel.Information, Message = "First administrator {Email} created")]
    private static partial void LogCreated(ILogger logger, string email);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The club has no administrator: set Identity:FirstAdmin:Email and Identity:FirstAdmin:Password and restart to create one")]
    private static partial void LogNoAdmin(ILogger logger);
}

using CircularPlatform.Members.Infrastructure.Identity;
using CircularPlatform.Members.Model;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CircularPlatform.Members.Infrastructure;

/// <summary>
/// The club's directory and the accounts of its members in one database, so that signing up, a
/// profile change and the event announcing it are saved together or not at all.
/// </summary>
public class MembersContext(DbContextOptions options) : IdentityUserContext<MemberAccount, Guid>(options)
{
    public DbSet<ClubTheme> Themes => Set<ClubTheme>();
    public DbSet<Municipality> Municipalities => Set<Municipality>();
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<Member> Members => Set<Member>();
    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();
    public DbSet<AccountToken> AccountTokens => Set<AccountToken>();
    public DbSet<SigningKey> SigningKeys => Set<SigningKey>();
    public DbSet<SignInThrottle> SignInThrottles => Set<SignInThrottle>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<MemberAccount>().ToTable("accounts");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserClaim<Guid>>().ToTable("account_claims");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserLogin<Guid>>().ToTable("account_logins");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserToken<Guid>>().ToTable("account_tokens");
        builder.ApplyConfigurationsFromAssembly(typeof(MembersContext).Assembly).AddMessagingTables();
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.UseUtcDateTimes();
}

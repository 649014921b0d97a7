using CircularPlatform.Members.Infrastructure;
using CircularPlatform.Members.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<MembersContext, SqliteMembersContext, PostgresMembersContext>("membersdb");
        builder.AddMessaging<MembersContext>(typeof(Program).Assembly);
        builder.AddTokenAuthority();
    }

    /// <summary>
    /// Members' accounts (ASP.NET Core Identity) and the token authority. Unless an external
    /// provider issues the tokens, Members checks them with its own keys.
    /// </summary>
    private static void AddTokenAuthority(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<TokenIssuingOptions>(builder.Configuration.GetSection(TokenIssuingOptions.Section));
        services.Configure<FirstAdminOptions>(builder.Configuration.GetSection(FirstAdminOptions.Section));

        services.AddIdentityCore<MemberAccount>(options =>
            {
                // Length over composition rules (NIST SP 800-63B): long passphrases, no forced symbols.
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 5;
                // Guessing is slowed per address and client (SignInGuard), never by locking the account.
                options.Lockout.AllowedForNewUsers = false;
                options.User.RequireUniqueEmail = true;
                options.User.AllowedUserNameCharacters = string.Empty;
                builder.Configuration.GetSection("Identity:Accounts").Bind(options);
            })
            .AddEntityFrameworkStores<MembersContext>();

        services.Configure<SignInThrottleOptions>(builder.Configuration.GetSection(SignInThrottleOptions.Section));
        services.AddScoped<SignInGuard>();
        services.AddSingleton<SigningKeyStore>();
        services.AddSingleton<LocalAuthority>();
        services.AddScoped<TokenIssuer>();
        services.Configure<AccountTokenOptions>(builder.Configuration.GetSection(AccountTokenOptions.Section));
        services.AddScoped<AccountMail>();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<LocalAuthority, IOptions<TokenIssuingOptions>>((options, local, issuing) =>
            {
                if (!issuing.Value.ExternalProvider)
                {
                    options.ConfigurationManager = local;
                }
            });
        // After the database is migrated (hosted services start in order).
        services.AddHostedService<FirstAdmin>();
    }
}

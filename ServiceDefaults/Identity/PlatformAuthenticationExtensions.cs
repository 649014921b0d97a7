using CircularPlatform.ServiceDefaults.Identity;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Microsoft.Extensions.Hosting;

public static class PlatformAuthenticationExtensions
{
    /// <summary>
    /// Every service and the gateway validate the platform's access tokens themselves, so a write
    /// is checked where it happens: JwtBearer against the discovery document and keys of
    /// <c>Identity:Authority</c>. A missing or bad token is a 401 problem, a missing role a 403.
    /// </summary>
    public static TBuilder AddPlatformAuthentication<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.Configure<PlatformTokenOptions>(builder.Configuration.GetSection(PlatformTokenOptions.Section));
        builder.Services.AddSingleton<RevokedAccess>();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<PlatformTokenOptions>, RevokedAccess>((options, platform, revoked) =>
            {
                Configure(options, platform.Value);
                RefuseRevoked(options, revoked);
            })
            // An authority JwtBearer refuses (plain HTTP elsewhere than on this machine) stops the
            // start-up with JwtBearer's reason, rather than failing every request afterwards.
            .ValidateOnStart();
        // After JwtBearer has created the manager of the authority's keys.
        builder.Services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
        {
            if (options.ConfigurationManager is BaseConfigurationManager keys)
            {
                // Otherwise a token signed with a key the authority withdrew (one that leaked) would
                // still pass against the keys read before, for up to an hour.
                keys.UseLastKnownGoodConfiguration = false;
            }
        });

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ClubPolicies.Member, policy => policy.RequireRole(ClubRoles.Member, ClubRoles.Organiser, ClubRoles.Admin))
            .AddPolicy(ClubPolicies.Organiser, policy => policy.RequireRole(ClubRoles.Organiser, ClubRoles.Admin))
            .AddPolicy(ClubPolicies.Admin, policy => policy.RequireRole(ClubRoles.Admin));
        return builder;
    }

    private static void Configure(JwtBearerOptions options, PlatformTokenOptions platform)
    {
        options.Authority = platform.Authority;
        options.Audience = platform.Audience;
        options.RequireHttpsMetadata = platform.RequireHttpsMetadata
            && !(Uri.TryCreate(platform.Authority, UriKind.Absolute, out var authority) && authority.IsLoopback);
        options.RefreshInterval = Max(platform.KeyRefreshInterval, BaseConfigurationManager.MinimumRefreshInterval);
        options.AutomaticRefreshInterval = Max(platform.KeyCacheDuration, BaseConfigurationManager.MinimumAutomaticRefreshInterval);
        // Claims keep the names the tokens give them ("sub", "role"), as the services read them.
        options.MapInboundClaims = false;
        options.TokenValidationParameters.NameClaimType = "name";
        options.TokenValidationParameters.RoleClaimType = "role";
        options.TokenValidationParameters.ClockSkew = platform.ClockSkew;
    }

    /// <summary>
    /// A valid signature is not enough: a token issued before the member was suspended, given
    /// another role or erased is refused at once, not when it expires (Messaging's access
    /// revocation feed fills <see cref="RevokedAccess"/> from Members' events).
    /// </summary>
    private static void RefuseRevoked(JwtBearerOptions options, RevokedAccess revoked)
    {
        var validated = options.Events.OnTokenValidated;
        options.Events.OnTokenValidated = async context =>
        {
            await validated(context);
            if (context.Result is null && context.SecurityToken is JsonWebToken token && revoked.IsRevoked(token))
            {
                context.Fail("The member's access changed after this token was issued: sign in again.");
            }
        };
    }

    private static TimeSpan Max(TimeSpan configured, TimeSpan minimum) => configured < minimum ? minimum : configured;
}

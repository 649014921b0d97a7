using CircularPlatform.ServiceDefaults.Identity;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
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
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<PlatformTokenOptions>>((options, platform) => Configure(options, platform.Value))
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

    private static TimeSpan Max(TimeSpan configured, TimeSpan minimum) => configured < minimum ? minimum : configured;
}

using CircularPlatform.ServiceDefaults.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

public static class PlatformAuthenticationExtensions
{
    /// <summary>
    /// Every service and the gateway validate the platform's access tokens themselves, so a write
    /// is checked where it happens. A missing or bad token is a 401 problem, a missing role a 403.
    /// </summary>
    public static TBuilder AddPlatformAuthentication<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var section = builder.Configuration.GetSection(PlatformTokenOptions.Section);
        builder.Services.Configure<PlatformTokenOptions>(section);
        builder.Services.Configure<PlatformTokenOptions>(PlatformTokenOptions.Scheme, section);
        builder.Services.AddSingleton<AuthorityConfiguration>();
        builder.Services
            .AddAuthentication(PlatformTokenOptions.Scheme)
            .AddScheme<PlatformTokenOptions, PlatformTokenHandler>(PlatformTokenOptions.Scheme, _ => { });

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ClubPolicies.Member, policy => policy.RequireRole(ClubRoles.Member, ClubRoles.Organiser, ClubRoles.Admin))
            .AddPolicy(ClubPolicies.Organiser, policy => policy.RequireRole(ClubRoles.Organiser, ClubRoles.Admin))
            .AddPolicy(ClubPolicies.Admin, policy => policy.RequireRole(ClubRoles.Admin));
        return builder;
    }
}

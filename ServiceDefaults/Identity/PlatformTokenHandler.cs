using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace CircularPlatform.ServiceDefaults.Identity;

/// <summary>
/// Bearer-token validation as JwtBearer does it (signature against the authority's published keys,
/// issuer, audience, lifetime), built on the Microsoft.IdentityModel packages the registry serves:
/// JwtBearer for .NET 10 requires a newer IdentityModel than is available (ADR 0005).
/// </summary>
internal sealed class PlatformTokenHandler(
    IOptionsMonitor<PlatformTokenOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AuthorityConfiguration authority)
    : AuthenticationHandler<PlatformTokenOptions>(options, logger, encoder)
{
    private static readonly JsonWebTokenHandler Tokens = new() { MapInboundClaims = false };

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header) || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var token = header["Bearer ".Length..].Trim();
        if (authority.Manager is null)
        {
            return AuthenticateResult.Fail("No token authority is configured (Identity:Authority).");
        }

        var result = await ValidateAsync(token);
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // A key this service has not seen: the authority may have rotated its keys. The refresh
            // runs in the background, so give it a moment before validating again.
            var known = await authority.Manager.GetConfigurationAsync(Context.RequestAborted);
            authority.Manager.RequestRefresh();
            for (var wait = 0; wait < 10 && ReferenceEquals(known, await authority.Manager.GetConfigurationAsync(Context.RequestAborted)); wait++)
            {
                await Task.Delay(50, Context.RequestAborted);
            }
            result = await ValidateAsync(token);
        }
        if (!result.IsValid)
        {
            return AuthenticateResult.Fail(result.Exception?.Message ?? "The token is not valid.");
        }
        var principal = new ClaimsPrincipal(result.ClaimsIdentity);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    private async Task<TokenValidationResult> ValidateAsync(string token)
    {
        OpenIdConnectConfiguration configuration;
        try
        {
            configuration = await authority.Manager!.GetConfigurationAsync(Context.RequestAborted);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or HttpRequestException)
        {
            return new TokenValidationResult { IsValid = false, Exception = e };
        }
        return await Tokens.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = configuration.Issuer,
            IssuerSigningKeys = configuration.SigningKeys,
            ValidAudience = Options.Audience,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            ValidateIssuerSigningKey = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = Options.ClockSkew,
            NameClaimType = "name",
            RoleClaimType = "role",
        });
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}

/// <summary>
/// The authority's discovery document and keys, fetched once and shared by every request. The
/// token authority itself (Members) gives its own keys instead of asking itself over HTTP.
/// </summary>
public sealed class AuthorityConfiguration
{
    public AuthorityConfiguration(IOptions<PlatformTokenOptions> options)
    {
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.Authority))
        {
            return;
        }
        var authority = settings.Authority.TrimEnd('/');
        var loopback = Uri.TryCreate(authority, UriKind.Absolute, out var uri) && uri.IsLoopback;
        Manager = new ConfigurationManager<OpenIdConnectConfiguration>(
            authority + "/.well-known/openid-configuration",
            new OpenIdConnectConfigurationRetriever(),
            new HttpDocumentRetriever { RequireHttps = settings.RequireHttpsMetadata && !loopback })
        {
            RefreshInterval = settings.KeyRefreshInterval < ConfigurationManager<OpenIdConnectConfiguration>.MinimumRefreshInterval
                ? ConfigurationManager<OpenIdConnectConfiguration>.MinimumRefreshInterval
                : settings.KeyRefreshInterval,
            AutomaticRefreshInterval = settings.KeyCacheDuration < ConfigurationManager<OpenIdConnectConfiguration>.MinimumAutomaticRefreshInterval
                ? ConfigurationManager<OpenIdConnectConfiguration>.MinimumAutomaticRefreshInterval
                : settings.KeyCacheDuration,
        };
    }

    public AuthorityConfiguration(IConfigurationManager<OpenIdConnectConfiguration> local) => Manager = local;

    public IConfigurationManager<OpenIdConnectConfiguration>? Manager { get; }
}

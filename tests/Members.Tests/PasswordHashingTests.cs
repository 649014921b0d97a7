using CircularPlatform.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CircularPlatform.Members.Tests;

/// <summary>The other tests hash cheaply (see <see cref="Club"/>); the service itself must not.</summary>
public sealed class PasswordHashingTests
{
    [Fact]
    public async Task The_service_hashes_passwords_at_identitys_full_cost()
    {
        await using var factory = new ServiceFactory<Program>();
        factory.Settings["Identity:Authority"] = Club.Authority;

        var options = factory.Services.GetRequiredService<IOptions<PasswordHasherOptions>>().Value;
        var hash = factory.Services.GetRequiredService<IPasswordHasher<CircularPlatform.Members.Infrastructure.Identity.MemberAccount>>()
            .HashPassword(new(), Club.Password);

        Assert.Equal(new PasswordHasherOptions().IterationCount, options.IterationCount);
        Assert.True(options.IterationCount >= 100_000, $"{options.IterationCount} rounds");
        // The rounds are written into the hash itself (format 3: marker, PRF, then the count, big-endian).
        var bytes = Convert.FromBase64String(hash);
        Assert.Equal(options.IterationCount, (bytes[5] << 24) | (bytes[6] << 16) | (bytes[7] << 8) | bytes[8]);
    }
}

using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace CrmPlatform.Identity.Accounts;

/// <summary>Looks up the configured clients and checks user and client credentials.</summary>
internal sealed class AccountDirectory(IOptions<IdentitySettings> settings)
{
    private readonly IdentitySettings settings = settings.Value;

    public RegisteredClient? FindClient(string? clientId) =>
        clientId is not null && settings.Clients.TryGetValue(clientId, out var client) ? client : null;

    /// <summary>The user when the password matches; null for an unknown user or a wrong password alike.</summary>
    public SeededUser? FindUser(string? userName, string? password) =>
        userName is not null && settings.Users.TryGetValue(userName, out var user) && SecretsMatch(user.Password, password)
            ? user
            : null;

    public static bool ClientSecretMatches(RegisteredClient client, string? presented) =>
        client.Secret is { Length: > 0 } secret && SecretsMatch(secret, presented);

    // Constant time so the answer's timing does not tell how many leading characters were right.
    // (The length still shows; these are development secrets, not stored hashes.)
    private static bool SecretsMatch(string expected, string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(presented));
}

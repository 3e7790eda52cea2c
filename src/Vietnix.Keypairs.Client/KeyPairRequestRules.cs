using Vietnix.Keypairs.Client.Errors;

namespace Vietnix.Keypairs.Client;

/// <summary>
/// Refuses, before anything is sent, what Nova would refuse or silently misread at the
/// negotiated microversion.
/// </summary>
internal static class KeyPairRequestRules
{
    public static void CheckCreate(KeyPairCreateRequest request, ComputeApiVersion version)
    {
        if (KeyPairNameRules.FindProblem(request.Name, version) is { } problem)
        {
            throw new KeyPairRequestRejectedException(RejectionReason.InvalidName, problem);
        }

        if (request.Type == NovaKeyType.X509 && !NovaMicroversions.SupportsKeyType(version))
        {
            throw TooLow("x509 key pairs", NovaMicroversions.KeyTypes, version);
        }

        CheckUserId(request.UserId, version);

        if (request.PublicKey is null && !NovaMicroversions.SupportsServerGeneration(version))
        {
            throw new KeyPairRequestRejectedException(
                RejectionReason.ServerGenerationUnavailable,
                $"Nova stopped generating key pairs at microversion {NovaMicroversions.ImportOnly}, and this session uses {version}. "
                + "Generate the key locally and import its public half, or use a microversion below "
                + NovaMicroversions.ImportOnly + ".");
        }
    }

    /// <summary>
    /// Below 2.10 Nova ignores user_id and acts on the caller's own key pairs, which for a delete
    /// would remove the wrong key; so the parameter is refused instead.
    /// </summary>
    public static void CheckUserId(string? userId, ComputeApiVersion version)
    {
        if (userId is not null && !NovaMicroversions.SupportsUserId(version))
        {
            throw TooLow("Acting for another user (user_id)", NovaMicroversions.UserIds, version);
        }
    }

    /// <summary>Show and delete address any stored name, so only what a URL cannot carry is refused.</summary>
    public static void CheckAddressableName(string name)
    {
        if (string.IsNullOrEmpty(name) || name is "." or "..")
        {
            throw new KeyPairRequestRejectedException(
                RejectionReason.InvalidName,
                string.IsNullOrEmpty(name) ? "A key pair name cannot be empty." : $"The key pair name '{name}' cannot be addressed in a URL.");
        }
    }

    private static KeyPairRequestRejectedException TooLow(string feature, ComputeApiVersion needed, ComputeApiVersion version) =>
        new(RejectionReason.MicroversionTooLow,
            $"{feature} needs compute microversion {needed} or later, and this session uses {version}. Ask for microversion {needed} or later.");
}

using System;

namespace Vietnix.Keypairs.Client.Identity;

/// <summary>Why signing in did not give a usable compute connection.</summary>
public enum SignInProblem
{
    /// <summary>
    /// Keystone refused the user, password, application credential or token, or the project asked for
    /// (which does not exist or on which the user has no role): Keystone answers both alike.
    /// </summary>
    CredentialsRefused,

    /// <summary>The token has expired and the session holds nothing to get a new one with.</summary>
    TokenExpired,

    /// <summary>The service catalog has no compute endpoint for the interface and region asked for.</summary>
    NoComputeEndpoint,

    /// <summary>Something needed to sign in is missing or contradictory (no auth URL, no user, …).</summary>
    Incomplete,
}

/// <summary>A sign-in that failed, with a message that says what to fix. Never carries a secret.</summary>
public sealed class VietnixSignInException(SignInProblem problem, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public SignInProblem Problem { get; } = problem;
}

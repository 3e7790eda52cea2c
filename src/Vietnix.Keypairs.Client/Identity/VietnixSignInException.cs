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

    /// <summary>Something needed to sign in is missing or cannot be used (no auth URL, no user, …); <see cref="VietnixSignInException.Setting"/> says what.</summary>
    Incomplete,
}

/// <summary>
/// The sign-in setting a problem is about, in openstacksdk's terms, so that the caller can say how to
/// give it in its own (a parameter, an environment variable).
/// </summary>
public enum SignInSetting
{
    None,
    AuthUrl,
    AuthType,

    /// <summary>Something to sign in with at all: a password, an application credential or a token.</summary>
    Credential,
    UserName,
    Password,
    ApplicationCredentialId,
    ApplicationCredentialSecret,

    /// <summary>The user that a named (rather than identified) application credential belongs to.</summary>
    ApplicationCredentialUser,
    Token,
    Project,
    ComputeEndpoint,
    ComputeApiVersion,
    CaCertificateFile,
}

/// <summary>A sign-in that failed, with a message that says what to fix. Never carries a secret.</summary>
public sealed class VietnixSignInException(SignInProblem problem, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public SignInProblem Problem { get; } = problem;

    /// <summary>The setting that is missing or cannot be used; None when the problem is not about one setting.</summary>
    public SignInSetting Setting { get; init; }

    internal static VietnixSignInException Incomplete(SignInSetting setting, string message, Exception? innerException = null) =>
        new(SignInProblem.Incomplete, message, innerException) { Setting = setting };
}

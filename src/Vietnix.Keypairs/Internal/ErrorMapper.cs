using System;
using System.Diagnostics.CodeAnalysis;
using System.Management.Automation;
using Vietnix.Keypairs.Client;
using Vietnix.Keypairs.Client.Configuration;
using Vietnix.Keypairs.Client.Errors;
using Vietnix.Keypairs.Client.Identity;
using Vietnix.Keypairs.Client.Keys;

namespace Vietnix.Keypairs.Internal;

/// <summary>An ErrorRecord, and whether it must stop the whole command.</summary>
internal sealed class MappedError(ErrorRecord record, bool isTerminating)
{
    public ErrorRecord Record { get; } = record;

    /// <summary>True for failures no further input can get past: a refused token, an untrusted certificate.</summary>
    public bool IsTerminating { get; } = isTerminating;

    /// <summary>Adds what the command already did to the message and to the recommended action, so the user knows what is left behind.</summary>
    public MappedError WithNote(string note)
    {
        var details = Record.ErrorDetails;
        note = ControlCharacters.Escape(note)!;
        Record.ErrorDetails = new ErrorDetails($"{details?.Message ?? ControlCharacters.Escape(Record.Exception.Message)} {note}")
        {
            RecommendedAction = details?.RecommendedAction is { } action ? $"{note} {action}" : note,
        };
        return this;
    }
}

/// <summary>
/// Turns the client's exceptions into PowerShell errors with a stable ErrorId, the right category,
/// the key pair name as target, the server's own words with the request id, and what to do next.
/// </summary>
internal static class ErrorMapper
{
    /// <summary>The endpoint could not be reached or could not serve the request, even after retries.</summary>
    public static bool IsUnreachable(Exception exception) =>
        exception is VietnixConnectionException or VietnixTimeoutException or VietnixServiceException or VietnixRateLimitException;

    /// <summary>The server the failed request was for, as scheme://host:port.</summary>
    public static string? ServerOf(Exception exception)
    {
        var url = exception switch
        {
            VietnixConnectionException e => e.Url,
            VietnixTimeoutException e => e.Url,
            VietnixApiException e => e.Url,
            _ => null,
        };
        return Uri.TryCreate(url, UriKind.Absolute, out var parsed) ? parsed.GetLeftPart(UriPartial.Authority) : url;
    }

    /// <summary>A problem found while working out how to connect, before signing in; it always ends the command.</summary>
    public static ErrorRecord MapConnectionProblem(Exception exception) => exception is ArgumentException
        ? Create(exception, ErrorIds.InvalidConnectionParameters, ErrorCategory.InvalidArgument, null, "Correct the parameters. Nothing was sent.")
        : Map(exception, null).Record;

    /// <summary>
    /// The error for one of the client's exceptions; false for any other exception, which is a bug
    /// to let through rather than an error to word.
    /// </summary>
    public static bool TryMap(Exception exception, object? target, [NotNullWhen(true)] out MappedError? error)
    {
        error = MapKnown(exception, target);
        return error is not null;
    }

    /// <summary>The error for an exception the caller knows the client throws.</summary>
    public static MappedError Map(Exception exception, object? target) =>
        TryMap(exception, target, out var error) ? error : throw new ArgumentException($"No mapping for {exception.GetType().Name}.", nameof(exception));

    /// <summary>
    /// The message for the user. The client's exceptions state the problem as data and in words that
    /// name no command; where the way out is a parameter, it is named here.
    /// </summary>
    public static string Words(Exception exception) => exception switch
    {
        KeySizeOutOfRangeException { HasOneSize: true } e => $"{e.Message} Leave out -KeySize.",
        KeySizeOutOfRangeException e => $"{e.Message} Leave out -KeySize for {e.DefaultKeySize}.",
        PublicKeyFormatException { KeyCount: not null } e => $"{e.Message} Import them one at a time, each with its own -Name.",
        _ => exception.Message,
    };

    private static MappedError? MapKnown(Exception exception, object? target) => exception switch
    {
        VietnixAuthenticationException e => Terminating(e, ErrorIds.AuthenticationFailed, ErrorCategory.AuthenticationError, target,
            "The token was refused: it may have expired, been revoked, or belong to another project. Sign in again (Connect-VietnixAccount); a session signed in with a password or an application credential renews its token by itself, one signed in with a token needs a fresh token."),
        VietnixForbiddenException { IsQuotaExceeded: true } e => Record(e, ErrorIds.KeyPairQuotaExceeded, ErrorCategory.QuotaExceeded, target,
            "You have as many key pairs as your quota allows. Remove key pairs you no longer use (Get-VietnixKeyPair, Remove-VietnixKeyPair) or ask Vietnix to raise the quota."),
        VietnixForbiddenException e => Record(e, ErrorIds.KeyPairAccessDenied, ErrorCategory.PermissionDenied, target,
            "Your account may not do this. Acting for another user with -UserId needs the admin role."),
        VietnixNotFoundException e => Record(e, ErrorIds.KeyPairNotFound, ErrorCategory.ObjectNotFound, target,
            "Check the name with Get-VietnixKeyPair. Names are case-sensitive, and key pairs belong to a user, not to a project."),
        VietnixConflictException e => Record(e, ErrorIds.KeyPairAlreadyExists, ErrorCategory.ResourceExists, target,
            $"Choose another name, or remove the existing key pair first (Remove-VietnixKeyPair -Name '{target}')."),
        VietnixBadRequestException e => Record(e, ErrorIds.KeyPairInvalidRequest, ErrorCategory.InvalidArgument, target,
            "The server refused the request's content; its message above says which part."),
        VietnixMicroversionException e => Terminating(e, ErrorIds.MicroversionNotSupported, ErrorCategory.InvalidOperation, target,
            "Connect with an -ApiVersion the server serves, or with -ApiVersion latest."),
        VietnixRequestTooLargeException e => Record(e, ErrorIds.RequestTooLarge, ErrorCategory.LimitsExceeded, target,
            "The request is larger than the server accepts. A public key is a few kilobytes; check that the input is only the key."),
        VietnixRateLimitException e => Record(e, ErrorIds.RateLimited, ErrorCategory.LimitsExceeded, target,
            e.Details.RetryAfter is { } wait ? $"Wait {Math.Ceiling(wait.TotalSeconds)} s and try again." : "Wait a little and try again."),
        VietnixServiceException e => Record(e, ErrorIds.ServiceError, ErrorCategory.ResourceUnavailable, target,
            "The service failed. Try again later; if it persists, give Vietnix support the request id."),
        VietnixApiException e => Record(e, ErrorIds.UnexpectedResponse, ErrorCategory.ProtocolError, target,
            "The server answered with a status the API does not define for this request."),
        VietnixConnectionException { IsTlsFailure: true } e => Terminating(e, ErrorIds.ConnectionFailed, ErrorCategory.SecurityError, target,
            "The server's TLS certificate is not trusted. For a private CA, give its certificate with -CACertificatePath (OS_CACERT)."),

        // After its retries, an item that could not reach the endpoint fails alone: the next item
        // is tried, and the command stops only when several items in a row fail (VietnixCmdlet).
        VietnixConnectionException e => Record(e, ErrorIds.ConnectionFailed, ErrorCategory.ConnectionError, target,
            "Check the endpoint (Get-VietnixContext shows it), the network, and any proxy or TLS settings; then run the command again for this item."),
        VietnixTimeoutException e => Record(e, ErrorIds.RequestTimeout, ErrorCategory.OperationTimeout, target,
            "Try again; the service may be overloaded. -TimeoutSec gives each attempt more time."),
        VietnixProtocolException e => Record(e, ErrorIds.UnexpectedResponse, ErrorCategory.ProtocolError, target,
            "Check that the endpoint is Vietnix Cloud's compute API and not a proxy or web page."),
        KeyPairRequestRejectedException e => MapRejection(e, target),
        VietnixOrphanKeyPairException e => MapOrphan(e, target),
        VietnixSignInException e => MapSignIn(e, target),
        CloudConfigException e => Terminating(e, ErrorIds.CloudConfigInvalid, ErrorCategory.InvalidData, target,
            "Correct clouds.yaml (or secure.yaml), or name another cloud with -Cloud or OS_CLOUD."),
        PublicKeyFormatException e => Record(e, ErrorIds.InvalidPublicKey, ErrorCategory.InvalidData, target,
            "Pass the contents of a .pub file (one line starting with ssh-ed25519, ssh-rsa or ecdsa-sha2-…) or a PEM certificate. Nothing was sent."),
        _ => null,
    };

    /// <summary>
    /// A key given as text that is not a key. When the text is a file path (-PublicKey ~/.ssh/id_ed25519.pub),
    /// the error says to pass it with -Path instead.
    /// </summary>
    public static MappedError MapPublicKeyText(PublicKeyFormatException exception, string? text, object? target)
    {
        if (text is null || !LooksLikeFilePath(text))
        {
            return Map(exception, target);
        }

        var path = text.Trim();
        var record = Create(
            new PublicKeyFormatException($"'{path}' looks like a file path, and -PublicKey takes the key's text, not its file. {exception.Message}"),
            ErrorIds.InvalidPublicKey, ErrorCategory.InvalidData, target,
            $"Pass the file with -Path '{path}' (or pipe it: Get-ChildItem '{path}' | ...), or its contents with -PublicKey (Get-Content -Raw '{path}'). Nothing was sent.");
        return new MappedError(record, isTerminating: false);
    }

    private static readonly char[] LineBreaksAndSpaces = ['\n', '\r', ' ', '\t'];

    // One line with no space (a key line has its type, a space and the data) that names a file:
    // rooted, relative, under the home folder, or ending the way key files do.
    private static bool LooksLikeFilePath(string text)
    {
        var value = text.Trim();
        if (value.Length == 0 || value.IndexOfAny(LineBreaksAndSpaces) >= 0 || value.StartsWith("-----", StringComparison.Ordinal))
        {
            return false;
        }

        return value.StartsWith("~", StringComparison.Ordinal)
            || value.StartsWith(".", StringComparison.Ordinal)
            || value.StartsWith("/", StringComparison.Ordinal)
            || value.StartsWith("\\", StringComparison.Ordinal)
            || (value.Length > 2 && char.IsLetter(value[0]) && value[1] == ':' && value[2] is '\\' or '/')
            || value.EndsWith(".pub", StringComparison.OrdinalIgnoreCase)
            || value.EndsWith(".pem", StringComparison.OrdinalIgnoreCase)
            || value.EndsWith(".crt", StringComparison.OrdinalIgnoreCase)
            || System.IO.File.Exists(value);
    }

    /// <summary>
    /// The record for <paramref name="exception"/>. Its message, as PowerShell shows it, has control
    /// characters escaped: key pair names, fingerprints and messages can come from the server, and
    /// an ESC in them would otherwise drive the terminal.
    /// </summary>
    public static ErrorRecord Create(Exception exception, string errorId, ErrorCategory category, object? target, string? recommendedAction = null) =>
        string.IsNullOrEmpty(errorId)
            ? throw new ArgumentException("Every error needs an ErrorId: scripts catch this module's errors by it.", nameof(errorId))
            : new(exception, errorId, category, target)
            {
                ErrorDetails = new ErrorDetails(ControlCharacters.Escape(Words(exception))) { RecommendedAction = ControlCharacters.Escape(recommendedAction) },
            };

    private static MappedError MapSignIn(VietnixSignInException exception, object? target) => exception.Problem switch
    {
        SignInProblem.CredentialsRefused => Terminating(exception, ErrorIds.AuthenticationFailed, ErrorCategory.AuthenticationError, target,
            "Correct what the message names, then sign in again. For a project, check -ProjectName or -ProjectId (OS_PROJECT_NAME, OS_PROJECT_ID), its domain (-ProjectDomainName, OS_PROJECT_DOMAIN_NAME), and that the user has a role on it."),
        SignInProblem.TokenExpired => Terminating(exception, ErrorIds.TokenExpired, ErrorCategory.AuthenticationError, target,
            "Sign in again (Connect-VietnixAccount). A session signed in with a password or an application credential renews its token by itself."),
        SignInProblem.NoComputeEndpoint => Terminating(exception, ErrorIds.ComputeEndpointNotFound, ErrorCategory.ObjectNotFound, target,
            "Choose a region and interface the catalog has (-Region, -Interface; OS_REGION_NAME, OS_INTERFACE), or give the endpoint with -Endpoint."),
        _ => WithAdvice(Terminating(exception, ErrorIds.SignInIncomplete, ErrorCategory.InvalidArgument, target,
            "Give what the message asks for, as a parameter or as the OS_* variable it names."), HowToGive(exception.Setting)),
    };

    // Names the key pair nobody can use and the command that removes it, in the message itself.
    private static MappedError MapOrphan(VietnixOrphanKeyPairException exception, object? target)
    {
        var user = exception.UserId is null ? string.Empty : $" -UserId '{exception.UserId}'";
        var remove = $"Remove-VietnixKeyPair -Name '{exception.Name}'{user} -Force";
        var message = exception.Confirmed
            ? $"{exception.Message} Nobody holds the private key of the key pair '{exception.Name}' that is now on the server: remove it with {remove}"
            : $"{exception.Message} If Get-VietnixKeyPair -Name '{exception.Name}'{user} shows it, nobody holds its private key: remove it with {remove}";
        var record = new ErrorRecord(exception, ErrorIds.OrphanKeyPair, ErrorCategory.InvalidResult, target)
        {
            ErrorDetails = new ErrorDetails(ControlCharacters.Escape(message)) { RecommendedAction = ControlCharacters.Escape($"Run {remove} (it is harmless if the key pair is not there), then create the key pair again.") },
        };
        return new MappedError(record, isTerminating: false);
    }

    /// <summary>How a user of this module gives a sign-in setting: the parameter, the OS_* variable, the clouds.yaml key.</summary>
    private static string? HowToGive(SignInSetting setting) => setting switch
    {
        SignInSetting.AuthUrl => "Pass -AuthUrl, or set OS_AUTH_URL (auth_url of the cloud in clouds.yaml).",
        SignInSetting.AuthType => "Use -Credential, -ApplicationCredential or -Token, or set OS_AUTH_TYPE (auth_type in clouds.yaml) to password, v3applicationcredential or token.",
        SignInSetting.UserName => "Pass -Credential, or set OS_USERNAME or OS_USER_ID (username in clouds.yaml).",
        SignInSetting.Password => "Pass -Credential, or set OS_PASSWORD (password in clouds.yaml or secure.yaml).",
        SignInSetting.ApplicationCredentialId => "Pass -ApplicationCredential (its id as the user name), or set OS_APPLICATION_CREDENTIAL_ID.",
        SignInSetting.ApplicationCredentialSecret => "Pass -ApplicationCredential, or set OS_APPLICATION_CREDENTIAL_SECRET (application_credential_secret in clouds.yaml or secure.yaml).",
        SignInSetting.ApplicationCredentialUser => "Pass -ApplicationCredential with the credential's id instead, or set OS_USERNAME or OS_USER_ID.",
        SignInSetting.Token => "Pass -Token, or set OS_TOKEN.",
        SignInSetting.Project => "Name a project with -ProjectName or -ProjectId (OS_PROJECT_NAME, OS_PROJECT_ID).",
        SignInSetting.ComputeEndpoint => "Pass -Endpoint (OS_COMPUTE_ENDPOINT_OVERRIDE) or -ProjectId, or -AuthUrl to read the endpoint from Keystone's catalog.",
        SignInSetting.ComputeApiVersion => "Pass -ApiVersion, or set OS_COMPUTE_API_VERSION (compute_api_version in clouds.yaml), to a version such as 2.72, or latest.",
        SignInSetting.CaCertificateFile => "Give a PEM file of the CA's certificate with -CACertificatePath (OS_CACERT, cacert in clouds.yaml).",
        SignInSetting.Credential => "Pass -Credential with -AuthUrl, -ApplicationCredential with -AuthUrl, or -Token; or name a cloud of clouds.yaml with -Cloud (or OS_CLOUD); "
            + "or set the OS_* variables of an openrc file (OS_AUTH_URL with OS_USERNAME and OS_PASSWORD, or OS_APPLICATION_CREDENTIAL_ID and _SECRET).",
        _ => null,
    };

    // The client names the setting; the message the user reads says how to give it here.
    private static MappedError WithAdvice(MappedError error, string? advice)
    {
        if (advice is not null)
        {
            var details = error.Record.ErrorDetails;
            error.Record.ErrorDetails = new ErrorDetails($"{details.Message} {advice}") { RecommendedAction = advice };
        }

        return error;
    }

    private static MappedError MapRejection(KeyPairRequestRejectedException exception, object? target) => exception.Reason switch
    {
        RejectionReason.InvalidName => Record(exception, ErrorIds.InvalidKeyPairName, ErrorCategory.InvalidArgument, target,
            "Nothing was sent. Choose a name Nova accepts."),
        RejectionReason.MicroversionTooLow => Record(exception, ErrorIds.MicroversionTooLow, ErrorCategory.InvalidOperation, target,
            "Nothing was sent. Connect (or call) with a higher -ApiVersion."),
        RejectionReason.ServerGenerationUnavailable => Record(exception, ErrorIds.ServerGenerationUnavailable, ErrorCategory.NotImplemented, target,
            "Nothing was sent. Generate a key locally (ssh-keygen -t ed25519) and import its public half with Import-VietnixKeyPair, or use -ApiVersion 2.91 or lower."),
        _ => Record(exception, ErrorIds.InvalidPublicKey, ErrorCategory.InvalidData, target, "Nothing was sent."),
    };

    private static MappedError Record(Exception exception, string errorId, ErrorCategory category, object? target, string recommendedAction) =>
        new(Create(exception, errorId, category, target, recommendedAction), isTerminating: false);

    private static MappedError Terminating(Exception exception, string errorId, ErrorCategory category, object? target, string recommendedAction) =>
        new(Create(exception, errorId, category, target, recommendedAction), isTerminating: true);
}

namespace Vietnix.Keypairs.Internal;

/// <summary>
/// The stable ErrorIds scripts can match in $Error[0].FullyQualifiedErrorId. Each names one
/// failure; none may be renamed once released.
/// </summary>
internal static class ErrorIds
{
    public const string NotConnected = "NotConnected";
    public const string ContextNotUsable = "ContextNotUsable";
    public const string InvalidConnectionParameters = "InvalidConnectionParameters";
    public const string AuthenticationFailed = "AuthenticationFailed";
    public const string ConnectionFailed = "ConnectionFailed";
    public const string EndpointUnreachable = "EndpointUnreachable";
    public const string RequestTimeout = "RequestTimeout";
    public const string UnexpectedResponse = "UnexpectedResponse";
    public const string MicroversionNotSupported = "MicroversionNotSupported";
    public const string TokenExpired = "TokenExpired";
    public const string ComputeEndpointNotFound = "ComputeEndpointNotFound";
    public const string SignInIncomplete = "SignInIncomplete";
    public const string CloudConfigInvalid = "CloudConfigInvalid";

    public const string KeyPairInvalidRequest = "KeyPairInvalidRequest";
    public const string KeyPairAccessDenied = "KeyPairAccessDenied";
    public const string KeyPairQuotaExceeded = "KeyPairQuotaExceeded";
    public const string KeyPairNotFound = "KeyPairNotFound";
    public const string KeyPairAlreadyExists = "KeyPairAlreadyExists";
    public const string RateLimited = "RateLimited";
    public const string RequestTooLarge = "RequestTooLarge";
    public const string ServiceError = "ServiceError";

    public const string InvalidKeyPairName = "InvalidKeyPairName";
    public const string MicroversionTooLow = "MicroversionTooLow";
    public const string ServerGenerationUnavailable = "ServerGenerationUnavailable";
    public const string InvalidPublicKey = "InvalidPublicKey";
    public const string NameRequired = "NameRequired";
    public const string KeyTypeMismatch = "KeyTypeMismatch";
    public const string OneNameForManyKeys = "OneNameForManyKeys";
    public const string PublicKeyFileNotFound = "PublicKeyFileNotFound";
    public const string PublicKeyFileUnreadable = "PublicKeyFileUnreadable";
    public const string FingerprintMismatch = "FingerprintMismatch";

    public const string PrivateKeyFileExists = "PrivateKeyFileExists";
    public const string InvalidPrivateKeyPath = "InvalidPrivateKeyPath";
    public const string PrivateKeyFolderNotFound = "PrivateKeyFolderNotFound";
    public const string PrivateKeyNotSaved = "PrivateKeyNotSaved";
    public const string OrphanKeyPair = "OrphanKeyPair";
    public const string OnePathForManyKeys = "OnePathForManyKeys";
    public const string DescriptionNeedsSshKey = "DescriptionNeedsSshKey";
    public const string KeyOptionNeedsLocalKey = "KeyOptionNeedsLocalKey";
    public const string InvalidKeySize = "InvalidKeySize";
    public const string InvalidKeyComment = "InvalidKeyComment";
    public const string PassphraseNeedsPrivateKeyPath = "PassphraseNeedsPrivateKeyPath";
    public const string PassphraseNeedsSshKey = "PassphraseNeedsSshKey";
    public const string PassphraseEmpty = "PassphraseEmpty";
    public const string KdfRoundsNeedPassphrase = "KdfRoundsNeedPassphrase";
}

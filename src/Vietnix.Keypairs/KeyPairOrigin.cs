namespace Vietnix.Keypairs;

/// <summary>Where the key of a key pair came from, when this module made it.</summary>
public enum KeyPairOrigin
{
    /// <summary>A public key the caller already had (Import-VietnixKeyPair).</summary>
    Imported,

    /// <summary>Nova generated the key and returned its private half once (below microversion 2.92).</summary>
    GeneratedByServer,

    /// <summary>Generated on this machine; only the public half was sent.</summary>
    GeneratedLocally,
}

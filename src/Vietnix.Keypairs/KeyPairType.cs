namespace Vietnix.Keypairs;

/// <summary>Nova's two kinds of key pair.</summary>
public enum KeyPairType
{
    /// <summary>An OpenSSH key, for logging in to Linux servers.</summary>
    Ssh,

    /// <summary>An X.509 certificate, used for WinRM certificate sign-in to Windows servers.</summary>
    X509,
}

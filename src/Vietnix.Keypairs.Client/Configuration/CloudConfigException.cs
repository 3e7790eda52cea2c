using System;

namespace Vietnix.Keypairs.Client.Configuration;

/// <summary>
/// The OpenStack client configuration (clouds.yaml, secure.yaml, OS_* variables) cannot be used as it is.
/// The message says which file or cloud and what to change; it never contains a secret.
/// </summary>
public sealed class CloudConfigException : Exception
{
    public CloudConfigException(string message)
        : base(message)
    {
    }

    public CloudConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

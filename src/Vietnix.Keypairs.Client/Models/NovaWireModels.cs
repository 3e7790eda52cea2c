using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace Vietnix.Keypairs.Client.Models;

// The JSON envelopes exactly as Nova sends them (nova/api/openstack/compute/views/keypairs.py).

internal sealed class KeyPairEnvelope
{
    [JsonPropertyName("keypair")]
    public KeyPairBody? KeyPair { get; set; }
}

internal sealed class KeyPairBody
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("public_key")]
    public string? PublicKey { get; set; }

    [JsonPropertyName("fingerprint")]
    public string? Fingerprint { get; set; }

    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("user_id")]
    public string? UserId { get; set; }

    [JsonPropertyName("created_at")]
    public string? CreatedAt { get; set; }

    [JsonPropertyName("id")]
    public int? Id { get; set; }

    [JsonPropertyName("private_key")]
    public string? PrivateKey { get; set; }
}

/// <summary>The list is wrapped twice: {"keypairs":[{"keypair":{…}}], "keypairs_links":[…]}.</summary>
internal sealed class KeyPairListEnvelope
{
    [JsonPropertyName("keypairs")]
    public List<KeyPairEnvelope>? KeyPairs { get; set; }

    [JsonPropertyName("keypairs_links")]
    public List<Link>? Links { get; set; }
}

internal sealed class Link
{
    [JsonPropertyName("rel")]
    public string? Rel { get; set; }

    [JsonPropertyName("href")]
    public string? Href { get; set; }
}

/// <summary>The request body; absent members are left out because Nova's schemas forbid unknown or too-new properties.</summary>
internal sealed class CreateKeyPairEnvelope
{
    [JsonPropertyName("keypair")]
    public CreateKeyPairBody KeyPair { get; set; } = new();
}

internal sealed class CreateKeyPairBody
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    [JsonPropertyName("public_key")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PublicKey { get; set; }

    [JsonPropertyName("type")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Type { get; set; }

    [JsonPropertyName("user_id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? UserId { get; set; }
}

/// <summary>GET /v2.1/ answers {"version":{"version":"2.93","min_version":"2.1",…}}.</summary>
internal sealed class VersionDocumentEnvelope
{
    [JsonPropertyName("version")]
    public VersionDocument? Version { get; set; }
}

internal sealed class VersionDocument
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("status")]
    public string? Status { get; set; }

    /// <summary>The newest microversion; empty on the legacy v2.0 API, which has none.</summary>
    [JsonPropertyName("version")]
    public string? MaxVersion { get; set; }

    [JsonPropertyName("min_version")]
    public string? MinVersion { get; set; }
}

[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(KeyPairEnvelope))]
[JsonSerializable(typeof(KeyPairListEnvelope))]
[JsonSerializable(typeof(CreateKeyPairEnvelope))]
[JsonSerializable(typeof(VersionDocumentEnvelope))]
internal sealed partial class NovaJsonContext : JsonSerializerContext
{
}

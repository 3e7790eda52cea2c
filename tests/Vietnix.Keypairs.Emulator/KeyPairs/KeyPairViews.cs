using System.Globalization;
using System.Text.Json.Nodes;

namespace Vietnix.Keypairs.Emulator.KeyPairs;

/// <summary>
/// Response bodies of Nova's key pair view builder (compute/views/keypairs.py), members in its order.
/// <c>type</c> appears from 2.2; list items are wrapped twice (<c>{"keypairs": [{"keypair": …}]}</c>).
/// </summary>
internal static class KeyPairViews
{
    public static JsonObject Create(KeyPair pair, string? privateKey, bool withType)
    {
        var fields = new JsonObject();
        if (privateKey is not null)
        {
            fields["private_key"] = privateKey;
        }

        if (withType)
        {
            fields["type"] = pair.Type;
        }

        fields["name"] = pair.Name;
        fields["public_key"] = pair.PublicKey;
        fields["fingerprint"] = pair.Fingerprint;
        fields["user_id"] = pair.UserId;
        return new JsonObject { ["keypair"] = fields };
    }

    /// <summary>Show adds the database columns; created_at is naive UTC with microseconds.</summary>
    public static JsonObject Show(KeyPair pair, bool withType)
    {
        var fields = new JsonObject
        {
            ["name"] = pair.Name,
            ["public_key"] = pair.PublicKey,
            ["fingerprint"] = pair.Fingerprint,
            ["user_id"] = pair.UserId,
            ["created_at"] = pair.CreatedAt.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
            ["deleted"] = false,
            ["deleted_at"] = null,
            ["id"] = pair.Id,
            ["updated_at"] = null,
        };
        if (withType)
        {
            fields["type"] = pair.Type;
        }

        return new JsonObject { ["keypair"] = fields };
    }

    public static JsonObject Index(IEnumerable<KeyPair> page, bool withType) => new()
    {
        ["keypairs"] = new JsonArray([.. page.Select(pair => (JsonNode)new JsonObject { ["keypair"] = ListItem(pair, withType) })]),
    };

    private static JsonObject ListItem(KeyPair pair, bool withType)
    {
        var fields = new JsonObject
        {
            ["name"] = pair.Name,
            ["public_key"] = pair.PublicKey,
            ["fingerprint"] = pair.Fingerprint,
        };
        if (withType)
        {
            fields["type"] = pair.Type;
        }

        return fields;
    }
}

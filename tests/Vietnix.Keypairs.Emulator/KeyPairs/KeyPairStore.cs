namespace Vietnix.Keypairs.Emulator.KeyPairs;

/// <summary>
/// Key pairs by owner. They belong to users, not projects (Nova filters by user_id only); names are
/// unique per user and compared case-sensitively; lists are sorted by name (the database orders
/// ASCII names bytewise). Ids grow with each insert, like an auto-increment column.
/// </summary>
internal sealed class KeyPairStore(TimeProvider clock)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, SortedDictionary<string, KeyPair>> byUser = new(StringComparer.Ordinal);
    private int lastId;

    public int CountOwnedBy(string userId)
    {
        lock (gate)
        {
            return byUser.TryGetValue(userId, out var owned) ? owned.Count : 0;
        }
    }

    public KeyPair? Find(string userId, string name)
    {
        lock (gate)
        {
            return byUser.TryGetValue(userId, out var owned) && owned.TryGetValue(name, out var found) ? found : null;
        }
    }

    /// <summary>Stores a new key pair, or returns null when the user already has one of that name.</summary>
    public KeyPair? TryAdd(string userId, string name, string type, string publicKey, string fingerprint)
    {
        lock (gate)
        {
            if (!byUser.TryGetValue(userId, out var owned))
            {
                owned = new SortedDictionary<string, KeyPair>(StringComparer.Ordinal);
                byUser[userId] = owned;
            }

            if (owned.ContainsKey(name))
            {
                return null;
            }

            var stored = new KeyPair(++lastId, userId, name, type, publicKey, fingerprint, Now());
            owned[name] = stored;
            return stored;
        }
    }

    public bool Remove(string userId, string name)
    {
        lock (gate)
        {
            return byUser.TryGetValue(userId, out var owned) && owned.Remove(name);
        }
    }

    /// <summary>
    /// The user's key pairs after <paramref name="marker"/> (a name), at most <paramref name="limit"/> of
    /// them. False when the marker names no key pair of that user (Nova's MarkerNotFound).
    /// </summary>
    public bool TryPage(string userId, int? limit, string? marker, out IReadOnlyList<KeyPair> page)
    {
        lock (gate)
        {
            var owned = byUser.TryGetValue(userId, out var found) ? found.Values.ToList() : [];
            page = [];
            if (marker is not null && !owned.Any(pair => pair.Name == marker))
            {
                return false;
            }

            var after = marker is null ? owned : owned.Where(pair => string.CompareOrdinal(pair.Name, marker) > 0);
            page = (limit is { } most ? after.Take(most) : after).ToList();
            return true;
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            byUser.Clear();
            lastId = 0;
        }
    }

    // Nova keeps microseconds (the API shows them), so drop only the sub-microsecond ticks.
    private DateTime Now()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return now.AddTicks(-(now.Ticks % 10));
    }
}

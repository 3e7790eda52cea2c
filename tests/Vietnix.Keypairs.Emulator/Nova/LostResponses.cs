namespace Vietnix.Keypairs.Emulator.Nova;

/// <summary>
/// A test fault: the next calls of an action run to completion (a create is stored, a delete done) but
/// the connection is then dropped without a response, as when a network fails after the request was
/// sent. Lets a test see a client reconcile instead of retrying blindly or reporting a false failure.
/// </summary>
internal sealed class LostResponses
{
    private readonly Lock gate = new();
    private readonly Dictionary<KeyPairAction, int> pending = [];

    public void Add(KeyPairAction action, int count)
    {
        lock (gate)
        {
            pending[action] = pending.GetValueOrDefault(action) + count;
        }
    }

    public bool TryTake(KeyPairAction action)
    {
        lock (gate)
        {
            if (pending.GetValueOrDefault(action) == 0)
            {
                return false;
            }

            pending[action]--;
            return true;
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            pending.Clear();
        }
    }
}

/// <summary>Marks a request whose response was withheld, with the status the client never saw.</summary>
internal sealed record LostResponse(int Status)
{
    /// <summary>
    /// Withholds the response: the request log records the request first, then the connection drops.
    /// In that order, the log holds the request before the client can notice the drop and send another.
    /// </summary>
    public static void Drop(HttpContext http, int status)
    {
        http.Features.Set(new LostResponse(status));
        http.Features.Get<Control.LostResponseRecorder>()?.Record(status);
        http.Abort();
    }
}

namespace Vietnix.Keypairs.Client.Http;

/// <summary>For callers that want no request log.</summary>
internal sealed class DiscardingLog : IRequestLog
{
    public static readonly DiscardingLog Instance = new();

    public bool WantsBodies => false;

    public void Add(RequestLogEntry entry)
    {
    }
}

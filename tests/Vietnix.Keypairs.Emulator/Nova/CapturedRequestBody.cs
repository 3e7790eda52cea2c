namespace Vietnix.Keypairs.Emulator.Nova;

/// <summary>
/// The request body as received, read once by the request log so that the Nova and Keystone handlers
/// and the log see the same bytes. <see cref="Chunked"/> tells that it came with <c>Transfer-Encoding: chunked</c>.
/// </summary>
internal sealed record CapturedRequestBody(byte[] Bytes, long? ContentLength, bool Chunked)
{
    /// <summary>
    /// Whether the WSGI application gets the body at all. uwsgi (without the refstack shim) does not
    /// decode <c>Transfer-Encoding: chunked</c>, so such a request arrives without a Content-Length and
    /// with no body; nor does a body of length zero or one without a Content-Length.
    /// </summary>
    public bool ReachesApplication => !Chunked && ContentLength is > 0;
}

namespace Vietnix.Keypairs.Emulator.Nova;

/// <summary>
/// The request body as received, read once by the request log so that the Nova pipeline and the log
/// see the same bytes. <see cref="Chunked"/> tells that it came with <c>Transfer-Encoding: chunked</c>.
/// </summary>
internal sealed record CapturedRequestBody(byte[] Bytes, long? ContentLength, bool Chunked);

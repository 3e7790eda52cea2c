namespace Vietnix.Keypairs.Emulator.Control;

/// <summary>
/// One request as the emulator received it, for tests to assert on what a client sent. The path and
/// query are raw (still percent-encoded); token headers are redacted; <see cref="ContentLength"/> is
/// null when the header was absent; <see cref="Body"/> is the (de-chunked) body as UTF-8 text, for
/// Keystone with its secrets redacted (<see cref="KeystoneBodyRedaction"/>); <see cref="ResponseLost"/> marks a
/// request whose response the emulator withheld on purpose (<see cref="Nova.LostResponses"/>).
/// </summary>
internal sealed record RecordedRequest(
    string Method,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string> Headers,
    long? ContentLength,
    bool Chunked,
    string Body,
    int Status,
    bool ResponseLost = false);

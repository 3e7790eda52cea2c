using System.Text.Json.Nodes;
using Vietnix.Keypairs.Emulator.Identity;

namespace Vietnix.Keypairs.Emulator.Nova;

/// <summary>
/// What a key pair action gets once the request went through Nova's stack: the caller's token, the
/// negotiated version, the limits in force, the body (POST only; null is Python's None), the raw query
/// string, the application URL that links are built on, and the full request URL.
/// </summary>
internal sealed record NovaCall(
    IssuedToken Token,
    ApiVersion Version,
    NovaLimits Limits,
    JsonNode? Body,
    string RawQuery,
    string ApplicationUrl,
    string RequestUrl);

using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Vietnix.Keypairs.Emulator;

/// <summary>The address Kestrel actually listens on (port 0 resolved), e.g. <c>http://127.0.0.1:41234</c>.</summary>
internal sealed class ServerAddress(IServer server)
{
    public string BaseUrl =>
        server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()?.TrimEnd('/')
        ?? throw new InvalidOperationException("The server is not listening yet.");
}
